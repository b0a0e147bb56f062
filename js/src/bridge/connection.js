// One bridged connection: a WebSocket (binary frames) piped to one TCP connection, both ways,
// with backpressure, an idle timeout, and one log line when both sides are closed.
import net from 'node:net';
import { splitTarget } from './target.js';
import { CLOSE } from './close-codes.js';

const HIGH_WATER_MARK = 1 << 20; // bytes queued towards the WebSocket before TCP is paused
const TCP_LINGER_MS = 5000;      // after the WebSocket closed: time for the target to close its side

/**
 * @param {import('ws').WebSocket} ws  accepted, open
 * @param {string} target              normalized host:port from the allow-list
 * @param {{ socket: import('node:net').Socket, peer: string, log: (line: string) => void,
 *   idleTimeout: number, onClosed: () => void }} o  socket: the client's, under the WebSocket
 */
export function bridgeConnection(ws, target, { socket, peer, log, idleTimeout, onClosed }) {
  // No delay: a TLS flight written as several small writes must not wait for the peer's ACK.
  const tcp = net.connect(splitTarget(target));
  tcp.setNoDelay(true);
  const started = Date.now();
  let up = 0, down = 0, reason = null, wsClosed = false, tcpClosed = false;
  let wsWaitsForDrain = false, idleTimer = null, lingerTimer = null;
  const because = (why) => { if (!reason) reason = why; }; // the first cause is the reason

  const finish = () => {
    if (!wsClosed || !tcpClosed) return;
    clearTimeout(idleTimer);
    clearTimeout(lingerTimer);
    log(`close ${peer} -> ${target}: ${reason || 'closed'}; ${up} bytes up, ${down} bytes down, ${Date.now() - started} ms`);
    onClosed();
  };
  const closeWs = (code, text) => { if (ws.readyState <= ws.OPEN) ws.close(code, text); };

  // WebSocket → TCP, the WebSocket paused while TCP is congested.
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      because('text frame refused');
      closeWs(CLOSE.UNSUPPORTED_DATA, 'binary frames only');
      tcp.destroy();
      return;
    }
    if (tcp.destroyed || tcp.writableEnded) return;
    up += data.length;
    if (!tcp.write(data) && !wsWaitsForDrain) {
      wsWaitsForDrain = true;
      ws.pause();
      tcp.once('drain', () => { wsWaitsForDrain = false; ws.resume(); });
    }
  });
  // TCP → WebSocket, TCP paused while the WebSocket's buffer is above the mark.
  tcp.on('data', (data) => {
    if (ws.readyState !== ws.OPEN) return; // closing: what the target still sends has nowhere to go
    down += data.length;
    ws.send(data, { binary: true }, () => {
      if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER_MARK) tcp.resume();
    });
    if (ws.bufferedAmount >= HIGH_WATER_MARK) tcp.pause();
  });

  // A clean end of TCP is a clean WebSocket close; a TCP error is a distinct code, with its name.
  tcp.on('end', () => { because('tcp end'); closeWs(CLOSE.NORMAL); });
  tcp.on('error', (err) => {
    const code = err.code || 'tcp error';
    because(`tcp ${code}`);
    closeWs(CLOSE.TCP_ERROR, code.slice(0, 120));
  });
  tcp.on('close', (hadError) => {
    tcpClosed = true;
    because('tcp closed');
    closeWs(hadError ? CLOSE.TCP_ERROR : CLOSE.NORMAL);
    finish();
  });
  ws.on('error', (err) => { because(`websocket error: ${err.message}`); });
  ws.on('close', (code) => {
    wsClosed = true;
    because(`websocket closed (${code})`);
    tcp.end();
    if (tcp.isPaused()) tcp.resume(); // read the target's FIN (data is dropped now)
    if (!tcpClosed) lingerTimer = setTimeout(() => tcp.destroy(), TCP_LINGER_MS);
    finish();
  });

  // Idle: no byte moved on either socket for idleTimeout. Checked a few times per period.
  if (idleTimeout > 0) {
    const bytes = () => tcp.bytesRead + tcp.bytesWritten + socket.bytesRead + socket.bytesWritten;
    let last = bytes(), lastChange = Date.now();
    const check = () => {
      const now = Date.now(), b = bytes();
      if (b !== last) { last = b; lastChange = now; }
      if (now - lastChange >= idleTimeout) {
        because(`idle for ${idleTimeout / 1000} s`);
        closeWs(CLOSE.GOING_AWAY, 'idle timeout');
        tcp.end();
        return;
      }
      idleTimer = setTimeout(check, Math.max(idleTimeout / 4, 10));
    };
    idleTimer = setTimeout(check, Math.max(idleTimeout / 4, 10));
  }

  return {
    ws,
    tcp,
    /** Closes both sides politely: 1001 to the client, FIN to the target. */
    shutdown(why) {
      because(why);
      closeWs(CLOSE.GOING_AWAY, why);
      tcp.end();
    },
    /** Cuts both sides now. */
    terminate(why) {
      because(why);
      ws.terminate();
      tcp.destroy();
    },
  };
}
