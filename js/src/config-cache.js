// Engine configs shared by wrap_socket calls with the same settings. A server's session-ticket
// key lives in its config, and its certificate and key are parsed and checked against each
// other when the config is made (an RSA-2048 pair check takes ~20 ms in wasm): one config per
// distinct setting lets TLS clients resume with a wasm server, and accepts cost a handshake
// only. Settings are compared in full, byte for byte; a small hash only picks the bucket.
const CAPACITY = 8; // distinct settings kept; the least recently used config is freed first

export class ConfigCache {
  /** @param {import('./binding.js').Binding} binding */
  constructor(binding) {
    this.binding = binding;
    this.entries = []; // most recently used last: { settings, hash, config }
  }

  /** The config for parsed wrap_socket options `o` (see options.js), made on first use. */
  configFor(o) {
    const settings = [o.serverSide, o.certReqs, !!o.verifyCallback, o.key, o.cert, o.cadata,
      o.alpnProtocols && o.alpnProtocols.join(','), o.ciphers && o.ciphers.join(','),
      o.verifyProfile, o.maxChainDepth];
    const hash = hashSettings(settings);
    const i = this.entries.findIndex((e) => e.hash === hash && sameSettings(e.settings, settings));
    if (i >= 0) {
      const [entry] = this.entries.splice(i, 1);
      this.entries.push(entry);
      return entry.config;
    }
    const config = this._make(o);
    this.entries.push({ settings, hash, config });
    // Connections keep what they use of an evicted config: freeing it here is safe.
    if (this.entries.length > CAPACITY) this.entries.shift().config.free();
    return config;
  }

  // As MicroPython's ssl.wrap_socket: own chain, trusted CAs, verify mode.
  _make(o) {
    const config = this.binding.newConfig(o.serverSide);
    try {
      if (o.key) config.setOwnCert(o.cert, o.key);
      if (o.cadata) config.addCa(o.cadata);
      config.setVerifyMode(o.certReqs);
      if (o.verifyCallback) config.setVerifyCallback(true);
      if (o.alpnProtocols) config.setAlpn(o.alpnProtocols);
      if (o.ciphers) config.setCiphers(o.ciphers);
      config.setVerifyProfile(o.verifyProfile);
      if (o.maxChainDepth !== null) config.setMaxChainDepth(o.maxChainDepth);
      return config;
    } catch (err) {
      config.free();
      throw err;
    }
  }
}

// FNV-1a over every setting (bytes as bytes, the rest as text), to find candidates quickly.
function hashSettings(settings) {
  let h = 0x811c9dc5;
  const mix = (byte) => { h = Math.imul(h ^ byte, 0x01000193); };
  for (const value of settings) {
    if (value instanceof Uint8Array) for (let i = 0; i < value.length; i++) mix(value[i]);
    else for (const ch of String(value)) mix(ch.charCodeAt(0) & 0xff);
    mix(0x1f); // a separator, so that settings cannot run into each other
  }
  return h >>> 0;
}

function sameSettings(a, b) {
  return a.every((value, i) => {
    const other = b[i];
    if (value instanceof Uint8Array && other instanceof Uint8Array) {
      return value.length === other.length && value.every((byte, k) => byte === other[k]);
    }
    return value === other;
  });
}
