// One TLS connection for fetch: the caller's connect(host, port) gives a transport, wrap_socket
// makes it TLS with the fetch's certificate options. An abort closes the transport, which ends a
// connect or handshake still under way.
import { abortable } from './errors.js';

/** Closes any transport wrap_socket accepts: a Node socket, a WebSocket, a host stream, a stream pair. */
export function closeTransport(transport) {
  try {
    if (typeof transport?.destroy === 'function') transport.destroy();
    else if (typeof transport?.close === 'function') transport.close();
    else if (transport?.readable && transport?.writable) {
      transport.readable.cancel().catch(() => {});
      transport.writable.abort().catch(() => {});
    }
  } catch { /* already closed */ }
}

/**
 * An SSLSocket to host:port. `tls` holds wrap_socket's options but server_hostname, which is the
 * URL's host (an IPv6 address without its brackets).
 */
export async function connectTls({ ssl, connect, tls }, host, port, signal) {
  const connecting = Promise.resolve().then(() => connect(host, port, { signal }));
  const transport = await abortable(connecting, signal, () => connecting.then(closeTransport, () => {}));
  const wrapping = ssl.wrap_socket(transport, { ...tls, server_hostname: host, alpn_protocols: ['http/1.1'] });
  return abortable(wrapping, signal, () => {
    closeTransport(transport);
    wrapping.then((socket) => socket.close(), () => {});
  });
}
