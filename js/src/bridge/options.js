// The bridge's limits: defaults and checks. Times are in milliseconds.

export const DEFAULTS = Object.freeze({
  maxPayload: 1 << 20,      // bytes in one WebSocket message (a TLS record is ~16 KiB)
  idleTimeout: 5 * 60_000,  // no byte either way for this long closes both sides; 0: never
  maxConnections: 1024,     // bridged WebSockets at once (and, separately, HTTP requests not yet upgraded)
  maxPerAddress: 64,        // the same, per client address (IPv4 address, IPv6 /64)
  maxStreams: 128,          // Wisp: TCP streams at once on one WebSocket
  handshakeTimeout: 10_000, // time a client has to send its whole upgrade request (own server only)
  shutdownTimeout: 5_000,   // shutdown(): how long connections get to close before they are cut
});

function check(name, value, min) {
  if (value === undefined) return DEFAULTS[name];
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`bridge: ${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The limits of `options`, defaults filled in; RangeError for a bad value. */
export function limitsOf(options) {
  return {
    maxPayload: check('maxPayload', options.maxPayload, 1),
    idleTimeout: check('idleTimeout', options.idleTimeout, 0),
    maxConnections: check('maxConnections', options.maxConnections, 1),
    maxPerAddress: check('maxPerAddress', options.maxPerAddress, 1),
    maxStreams: check('maxStreams', options.maxStreams, 1),
    handshakeTimeout: check('handshakeTimeout', options.handshakeTimeout, 1),
    shutdownTimeout: check('shutdownTimeout', options.shutdownTimeout, 0),
  };
}
