// wrap_socket's options: checked, defaulted and turned into bytes before anything reaches the
// engine. Argument mistakes are TypeError/RangeError here; what the data means (a key that
// does not parse) is the engine's to say.
import { OSError } from './errors.js';
import { toBytes, describe } from './bytes.js';
import { transportErrno } from './streams/transport-errno.js';

export const CERT_NONE = 0;
export const CERT_OPTIONAL = 1;
export const CERT_REQUIRED = 2;

const KNOWN = new Set(['server_side', 'keyfile', 'certfile', 'key', 'cert', 'cert_reqs', 'cadata',
  'server_hostname', 'do_handshake', 'verify_callback', 'alpn_protocols', 'ciphers', 'highWaterMark',
  'session', 'suppress_ragged_eofs', 'timeout', 'verify_profile', 'max_chain_depth']);
const VERIFY_PROFILES = ['strict', 'compat'];

// What a DNS name, an IPv4 or an IPv6 address can be written with.
const HOST_NAME_CHARACTERS = /^[A-Za-z0-9._:-]+$/;

/**
 * @returns {Promise<{ serverSide, key, cert, certReqs, cadata, serverHostname, doHandshake,
 *                     verifyCallback, alpnProtocols, ciphers, highWaterMark, session,
 *                     suppressRaggedEofs, timeout, verifyProfile, maxChainDepth }>}
 */
export async function parseWrapOptions(options = {}, { readFile } = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`wrap_socket options must be an object, got ${describe(options)}`);
  }
  for (const name of Object.keys(options)) {
    if (!KNOWN.has(name)) throw new TypeError(`wrap_socket: unknown option ${JSON.stringify(name)}`);
  }
  const o = options;
  const certReqs = o.cert_reqs === undefined || o.cert_reqs === null ? CERT_NONE : o.cert_reqs;
  if (![CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED].includes(certReqs)) {
    throw new RangeError(`cert_reqs must be CERT_NONE, CERT_OPTIONAL or CERT_REQUIRED, got ${String(certReqs)}`);
  }
  if (o.key != null && o.keyfile != null) throw new TypeError('give key or keyfile, not both');
  if (o.cert != null && o.certfile != null) throw new TypeError('give cert or certfile, not both');
  const key = o.keyfile != null ? await readFileOption('keyfile', o.keyfile, readFile) : bytesOption('key', o.key);
  const cert = o.certfile != null ? await readFileOption('certfile', o.certfile, readFile) : bytesOption('cert', o.cert);
  if ((key === null) !== (cert === null)) throw new TypeError('key and cert must be given together');
  // mbedtls would only fail the handshake later, with a reason that does not say why.
  if (o.server_side && key === null) {
    throw new TypeError('server_side needs a certificate: pass key and cert (or keyfile and certfile)');
  }
  if (o.server_hostname != null && typeof o.server_hostname !== 'string') {
    throw new TypeError(`server_hostname must be a string, got ${describe(o.server_hostname)}`);
  }
  // The engine checks the name in full (label lengths, IP forms) and refuses the rest with
  // EINVAL; a NUL must not even reach it, since the C string would end there
  // ("localhost\0.evil" would be checked as "localhost").
  if (o.server_hostname != null && !HOST_NAME_CHARACTERS.test(o.server_hostname)) {
    throw new TypeError(`server_hostname must be a host name or an IP address, got ${JSON.stringify(o.server_hostname)}`);
  }
  const verifyProfile = o.verify_profile == null ? 'strict' : o.verify_profile;
  if (!VERIFY_PROFILES.includes(verifyProfile)) {
    throw new RangeError(`verify_profile must be 'strict' or 'compat', got ${describe(o.verify_profile)}`);
  }
  const maxChainDepth = o.max_chain_depth == null ? null : o.max_chain_depth;
  if (maxChainDepth !== null && !(Number.isInteger(maxChainDepth) && maxChainDepth >= 0 && maxChainDepth <= 64)) {
    throw new RangeError(`max_chain_depth must be an integer from 0 to 64, got ${describe(o.max_chain_depth)}`);
  }
  if (o.session != null && o.server_side) throw new TypeError('session is for clients: a server resumes what clients offer');
  if (o.verify_callback != null && typeof o.verify_callback !== 'function') {
    throw new TypeError('verify_callback must be a function (cert_der, depth) => 0 | error');
  }
  // Under CERT_NONE nothing is verified, so the callback would never run: pinning done that
  // way would silently check nothing.
  if (o.verify_callback != null && certReqs === CERT_NONE) {
    throw new TypeError('verify_callback needs cert_reqs CERT_OPTIONAL or CERT_REQUIRED: under CERT_NONE (the default) nothing is verified and the callback would never run');
  }
  return {
    serverSide: !!o.server_side,
    key,
    cert,
    certReqs,
    cadata: bytesOption('cadata', o.cadata),
    serverHostname: o.server_hostname == null ? null : o.server_hostname,
    doHandshake: o.do_handshake === undefined ? true : !!o.do_handshake,
    verifyCallback: o.verify_callback || null,
    alpnProtocols: listOption('alpn_protocols', o.alpn_protocols),
    ciphers: listOption('ciphers', o.ciphers),
    highWaterMark: o.highWaterMark,
    session: bytesOption('session', o.session),
    suppressRaggedEofs: o.suppress_ragged_eofs === undefined ? true : !!o.suppress_ragged_eofs,
    timeout: timeoutOption(o.timeout),
    verifyProfile,
    maxChainDepth,
  };
}

// Milliseconds, or null: wait as long as it takes.
function timeoutOption(value) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`timeout must be a positive number of milliseconds, got ${describe(value)}`);
  }
  return value;
}

function bytesOption(name, value) {
  if (value === undefined || value === null) return null;
  try {
    return toBytes(value);
  } catch {
    throw new TypeError(`${name} must be bytes (PEM or DER) or a PEM string, got ${describe(value)}`);
  }
}

function listOption(name, value) {
  if (value === undefined || value === null) return null;
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v === '')) {
    throw new TypeError(`${name} must be a list of names`);
  }
  return list;
}

// keyfile/certfile are paths where there is a filesystem; a missing file is OSError(ENOENT).
// The file system comes from the entry that loaded the package (Node's: node:fs), so that this
// module imports nothing a bundler for the web would have to be told to leave out.
async function readFileOption(name, path, readFile) {
  if (typeof path !== 'string' && !(path instanceof URL)) {
    throw new TypeError(`${name} must be a file path, got ${describe(path)}`);
  }
  if (!readFile) {
    throw new TypeError(`${name} needs a filesystem, which this environment does not have: ` +
      `pass the bytes as ${name === 'keyfile' ? 'key' : 'cert'} instead`);
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const errno = transportErrno(err);
    throw new OSError(errno, err.code || 'EIO', `${name} ${String(path)}: ${err.message}`);
  }
}
