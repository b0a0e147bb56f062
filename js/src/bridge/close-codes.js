// The WebSocket close codes the bridge sends (RFC 6455 §7.4.1). Oversized messages get 1009
// from `ws` itself. A client's wasm-ssl socket reads 1000 as end of stream, anything else as
// ECONNRESET.
export const CLOSE = Object.freeze({
  NORMAL: 1000,           // the target ended its TCP connection cleanly (FIN)
  GOING_AWAY: 1001,       // idle timeout, or the bridge is shutting down
  PROTOCOL_ERROR: 1002,   // Wisp: a malformed or impossible packet
  UNSUPPORTED_DATA: 1003, // a text frame: binary frames only
  POLICY_VIOLATION: 1008, // target not in the allow-list, or Origin not allowed
  TCP_ERROR: 1011,        // the TCP connection failed: refused, reset, unreachable (reason: ECONNRESET, …)
});
