// What load() resolves to: the seed's `ssl` module over one engine instance.
import { Binding } from './binding.js';
import { ConfigCache } from './config-cache.js';
import { OSError, ValueError } from './errors.js';
import { CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED, parseWrapOptions } from './options.js';
import { SSLSocket } from './ssl-socket.js';
import { memoryPair, toHostStream } from './streams/index.js';

export class SslModule {
  /**
   * @param {import('./engine/engine.js').Engine} engine
   * @param {{ duplexView?: (s: SSLSocket) => any, readFile?: (path: string | URL) => Promise<Uint8Array> }} [platform]
   *   what only some hosts have (Node: the Duplex view, keyfile/certfile)
   */
  constructor(engine, platform = {}) {
    this.engine = engine;
    this.runtime = engine.runtime;
    this._binding = new Binding(engine);
    this._configs = new ConfigCache(this._binding);
    this._platform = platform;
    this.MBEDTLS_VERSION = this._binding.mbedtlsVersion;
    this.wrap_socket = this.wrap_socket.bind(this);
    this.memoryPair = memoryPair;
  }

  /**
   * The seed's wrap_socket with its keyword names in one options object. Settles after the
   * handshake when do_handshake is true (the default), at once otherwise. A failed handshake
   * closes the transport and rejects with OSError.
   */
  async wrap_socket(sock, options = {}) {
    const o = await parseWrapOptions(options, this._platform);
    const engine = this.engine;
    let stream = null;
    let streamId = 0;
    let conn;
    try {
      const config = this._configs.configFor(o);
      stream = toHostStream(sock, { highWaterMark: o.highWaterMark });
      streamId = engine.addStream(stream);
      conn = config.connect(streamId, o.serverHostname);
      if (o.session && !conn.sessionLoad(o.session)) throw new ValueError('invalid session');
    } catch (err) {
      // Nothing was sent: the caller keeps its transport as it was.
      if (streamId) engine.removeStream(streamId);
      if (conn) conn.close(); // its stream is gone already: this close reaches nobody
      if (stream && typeof stream.detach === 'function') stream.detach();
      throw err;
    }
    const socket = new SSLSocket(conn, stream, {
      verifyCallback: o.verifyCallback,
      suppressRaggedEofs: o.suppressRaggedEofs,
      timeout: o.timeout,
      duplexView: this._platform.duplexView,
      release: () => engine.removeStream(streamId),
    });
    if (o.doHandshake) {
      try {
        await socket.do_handshake();
      } catch (err) {
        await socket.close();
        throw err;
      }
    }
    return socket;
  }
}

Object.assign(SslModule.prototype, { CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED, OSError, ValueError });
