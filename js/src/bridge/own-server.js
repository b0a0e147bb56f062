// The HTTP server the bridge listens with when it is not given one. It only upgrades: plain
// requests get 426, unparsable ones 400. Requests not yet upgraded are capped (in total and
// per address, beyond which the socket is dropped at once) and must be complete within the
// handshake timeout (a slowloris client is cut).
import http from 'node:http';
import { Caps, clientKey } from './caps.js';

/**
 * @param {{ maxConnections: number, maxPerAddress: number, handshakeTimeout: number }} limits
 * @param {(line: string) => void} log
 * @returns {{ server: http.Server, upgraded: (socket) => void, dropPending: () => void }}
 */
export function createOwnServer(limits, log) {
  const server = http.createServer((request, response) => {
    response.writeHead(426, { connection: 'close', 'content-type': 'text/plain' });
    response.end('WebSocket upgrade required\n');
  });
  const pendingCaps = new Caps(limits.maxConnections, limits.maxPerAddress);
  const pending = new Map(); // socket → stop watching it

  server.on('connection', (socket) => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const place = pendingCaps.take(clientKey(socket.remoteAddress));
    if (place.full) {
      log(`refused ${peer}: too many requests not yet upgraded (${place.full === 'total' ? 'in total' : 'from this address'})`);
      socket.destroy();
      return;
    }
    const timer = setTimeout(() => {
      log(`refused ${peer}: no complete upgrade request within ${limits.handshakeTimeout / 1000} s`);
      socket.destroy();
    }, limits.handshakeTimeout);
    const stop = () => {
      clearTimeout(timer);
      place.release();
      pending.delete(socket);
    };
    pending.set(socket, stop);
    socket.once('close', stop);
  });

  // Bytes that are not HTTP. Node's default answer, plus the guarantee the socket goes.
  server.on('clientError', (err, socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    }
    socket.destroy();
  });

  return {
    server,
    /** The socket was upgraded: it is no longer pending. */
    upgraded: (socket) => { const stop = pending.get(socket); if (stop) stop(); },
    /** Drops every request not yet upgraded (shutting down). */
    dropPending: () => { for (const socket of [...pending.keys()]) socket.destroy(); },
  };
}
