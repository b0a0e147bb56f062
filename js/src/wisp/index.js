// Wisp: many TCP streams over one WebSocket (the protocol of @mercuryworkshop/wisp-js,
// epoxy-tls, libcurl.js). The client side; the server side is the bridge's (bridge/wisp.js).
export { WispSession } from './session.js';
export { WispStream } from './stream.js';
export { REASON as WISP_CLOSE_REASON, errnoOfReason } from './close-reasons.js';
