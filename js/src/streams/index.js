// Which adapter serves a given `sock`: the transports wrap_socket accepts.
import { HostStream } from './host-stream.js';
import { NodeStreamHost } from './node-stream.js';
import { WebSocketHost } from './websocket.js';
import { WebStreamsHost } from './web-streams.js';

export { HostStream } from './host-stream.js';
export { memoryPair } from './memory-pair.js';
export { NodeStreamHost, WebSocketHost, WebStreamsHost };

const isFunction = (f) => typeof f === 'function';

/**
 * @param {any} sock  a host stream, a Node net.Socket/Duplex, a WebSocket (browser or `ws`),
 *                    or a Web Streams pair { readable, writable }
 * @param {{ highWaterMark?: number }} [options]
 */
export function toHostStream(sock, options) {
  if (sock instanceof HostStream) return sock;
  if (sock && typeof sock === 'object') {
    if (isFunction(sock.send) && 'readyState' in sock && 'bufferedAmount' in sock) return new WebSocketHost(sock, options);
    if (isFunction(sock.pipe) && isFunction(sock.on) && isFunction(sock.write)) return new NodeStreamHost(sock, options);
    if (sock.readable && isFunction(sock.readable.getReader) && sock.writable && isFunction(sock.writable.getWriter)) {
      return new WebStreamsHost(sock, options);
    }
    // The engine's own shape: read(buf) / write(buf) returning counts, WOULD_BLOCK or -errno.
    if (isFunction(sock.read) && isFunction(sock.write)) return sock;
  }
  throw new TypeError('wrap_socket: sock must be a Node net.Socket/Duplex, a WebSocket, a Web Streams ' +
    'pair { readable, writable }, or a host stream with read(buf)/write(buf)');
}
