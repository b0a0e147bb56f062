// `wasm-ssl/fetch`: the WHATWG fetch() signature over wasm-ssl's wrap_socket, on whatever
// transport the caller's connect(host, port) yields (a WebSocket to the bridge, a Wisp stream,
// a Node socket). HTTP/1.1 with keep-alive, chunked bodies, gzip/deflate, redirects, a streamed
// Response.body and AbortSignal; https: only (see create-fetch.js).
export { createFetch } from './create-fetch.js';
