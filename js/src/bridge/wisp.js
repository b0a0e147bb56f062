// One Wisp (v1) WebSocket in the bridge: the client opens many TCP streams over it with
// CONNECT packets; each is judged alone (allow-list, stream caps), piped with DATA packets,
// and closed with a CLOSE packet whose reason says why (refused, unreachable, blocked, …).
//
// Flow control, client → target: each stream is told (CONTINUE) how many DATA packets it may
// send; more credit goes out once the target's socket has taken about half of them. Should a
// client ignore the credit, the WebSocket itself is paused while the bytes waiting for targets
// exceed a budget, so memory stays bounded either way. Target → client: TCP reads pause while
// the WebSocket's send buffer is above the high-water mark.
import net from 'node:net';
import { normalizeTarget, splitTarget, formatAddress } from './target.js';
import { CLOSE } from './close-codes.js';
import * as wisp from '../wisp/packets.js';
import { REASON, reasonName, reasonOfTcpError } from '../wisp/close-reasons.js';

export const BUFFER_PACKETS = 64;         // the credit each stream is given (packets)
const TO_CLIENT_HIGH_WATER_MARK = 1 << 20; // bytes queued towards the WebSocket before TCP reads pause
const TO_TARGETS_BUDGET = 4 << 20;         // bytes waiting for targets (all streams) before the WebSocket pauses
const TCP_LINGER_MS = 5000;                // after a CLOSE: time for the target to close its side

/**
 * @param {import('ws').WebSocket} ws  accepted, open
 * @param {{ socket: import('node:net').Socket, peer: string, log: (line: string) => void,
 *   allowed: Set<string>, idleTimeout: number, streamCaps: import('./caps.js').Caps,
 *   onClosed: () => void }} o  streamCaps: TCP connections in total and per WebSocket
 */
export function wispConnection(ws, { socket, peer, log, allowed, idleTimeout, streamCaps, onClosed }) {
  const streams = new Map();   // id → stream, while the client may still use it
  const lingering = new Set(); // every stream whose TCP socket is not closed yet
  const pausedTcp = new Set();
  let wsClosed = false, wsReason = null, wsPaused = false, idleTimer = null, opened = 0;
  const started = Date.now();

  const send = (packet) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(packet, { binary: true }, () => {
      if (ws.bufferedAmount >= TO_CLIENT_HIGH_WATER_MARK) return;
      for (const s of pausedTcp) s.tcp.resume();
      pausedTcp.clear();
    });
  };
  const closeWs = (code, text) => {
    if (!wsReason) wsReason = text || `close ${code}`;
    if (ws.readyState <= ws.OPEN) ws.close(code, text);
  };
  const protocolError = (what) => {
    log(`wisp ${peer}: protocol error: ${what}`);
    closeWs(CLOSE.PROTOCOL_ERROR, 'wisp protocol error');
  };
  const finishIfDone = () => {
    if (!wsClosed || lingering.size > 0) return;
    clearTimeout(idleTimer);
    log(`close ${peer} (wisp): ${wsReason || 'closed'}; ${opened} streams, ${Date.now() - started} ms`);
    onClosed();
  };

  // The bytes waiting for targets: above the budget the client gets no more reads.
  const toTargets = () => { let n = 0; for (const s of streams.values()) n += s.tcp.writableLength; return n; };
  const checkBudget = () => {
    const over = toTargets() > TO_TARGETS_BUDGET;
    if (over && !wsPaused) { wsPaused = true; ws.pause(); }
    if (!over && wsPaused && toTargets() <= TO_TARGETS_BUDGET / 2) { wsPaused = false; ws.resume(); }
  };

  function refuse(id, reason, why) {
    log(`refused ${peer} #${id}: ${why}`);
    send(wisp.closePacket(id, reason));
  }

  function open({ streamId: id, streamType, host, port }) {
    if (id === 0 || streams.has(id)) {
      protocolError(`CONNECT for stream ${id}, ${id === 0 ? 'the connection itself' : 'already open'}`);
      return;
    }
    const asked = JSON.stringify(formatAddress(host, port).slice(0, 200));
    if (streamType !== wisp.TCP) {
      refuse(id, REASON.HOST_BLOCKED, `stream type ${streamType} to ${asked} (TCP only)`);
      return;
    }
    const target = normalizeTarget({ host, port });
    if (!target || !allowed.has(target)) {
      refuse(id, REASON.HOST_BLOCKED, `target ${asked} is not in the allow-list`);
      return;
    }
    const place = streamCaps.take(peer);
    if (place.full) {
      refuse(id, REASON.CONN_THROTTLED, place.full === 'total'
        ? `too many TCP connections (${streamCaps.total} in total)`
        : `too many streams on this WebSocket (${streamCaps.perAddress})`);
      return;
    }
    opened++;
    // No delay: a TLS flight written as several small writes must not wait for the peer's ACK.
    const tcp = net.connect({ ...splitTarget(target), noDelay: true });
    tcp.setNoDelay(true);
    const s = {
      id, target, tcp, up: 0, down: 0, started: Date.now(), reason: null,
      credit: BUFFER_PACKETS, pending: 0, open: true, lingerTimer: null,
      lastBytes: 0, lastChange: Date.now(),
    };
    streams.set(id, s);
    lingering.add(s);

    tcp.on('data', (data) => {
      if (!s.open) return; // the client is done with it: what the target still sends is dropped
      s.down += data.length;
      send(wisp.dataPacket(id, data));
      if (ws.bufferedAmount >= TO_CLIENT_HIGH_WATER_MARK) { tcp.pause(); pausedTcp.add(s); }
    });
    tcp.on('end', () => { closeStream(s, REASON.VOLUNTARY, 'tcp end'); });
    tcp.on('error', (err) => { closeStream(s, reasonOfTcpError(err), `tcp ${err.code || 'error'}`); });
    tcp.on('close', () => {
      closeStream(s, REASON.NETWORK_ERROR, 'tcp closed');
      clearTimeout(s.lingerTimer);
      pausedTcp.delete(s);
      lingering.delete(s);
      place.release();
      log(`close ${peer} #${id} -> ${target}: ${s.reason}; ${s.up} bytes up, ${s.down} bytes down, ${Date.now() - s.started} ms`);
      checkBudget();
      finishIfDone();
    });
  }

  // The stream is over for the client: tell it why (unless it closed it), FIN the target.
  function closeStream(s, reason, why, tellClient = true) {
    if (!s.reason) s.reason = why; // the first cause is the reason
    if (!s.open) return;
    s.open = false;
    streams.delete(s.id);
    if (tellClient) send(wisp.closePacket(s.id, reason));
    s.tcp.end();
    if (s.tcp.isPaused()) s.tcp.resume(); // read the target's FIN (data is dropped now)
    if (!s.tcp.destroyed) s.lingerTimer = setTimeout(() => s.tcp.destroy(), TCP_LINGER_MS);
    checkBudget();
  }

  // More credit once the target has taken about half of what was allowed. A client replaces
  // its credit with each CONTINUE's number, and packets it sent under the old credit may still
  // be on the way: the number leaves room for them, so that what waits for the target plus
  // what may still arrive never exceeds BUFFER_PACKETS.
  function replenish(s) {
    const outstanding = Math.max(s.credit, 0);
    const more = BUFFER_PACKETS - s.pending - outstanding;
    if (!s.open || more < BUFFER_PACKETS / 2) return;
    s.credit = outstanding + more;
    send(wisp.continuePacket(s.id, more));
  }

  function data({ streamId, data: bytes }) {
    const s = streams.get(streamId);
    if (!s) return; // closed while the client was still sending: expected, dropped
    s.up += bytes.length;
    s.credit--;
    s.pending++;
    s.tcp.write(bytes, () => {
      s.pending--;
      replenish(s);
      if (wsPaused) checkBudget();
    });
    if (s.credit < 0) checkBudget(); // a client beyond its credit: the budget holds the line
  }

  ws.on('message', (message, isBinary) => {
    if (!isBinary) {
      if (!wsReason) wsReason = 'text frame refused';
      closeWs(CLOSE.UNSUPPORTED_DATA, 'binary frames only');
      return;
    }
    const p = wisp.parsePacket(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
    if (p.error) protocolError(p.error);
    else if (p.type === wisp.CONNECT) open(p);
    else if (p.type === wisp.DATA) data(p);
    else if (p.type === wisp.CLOSE) {
      const s = streams.get(p.streamId);
      if (s) closeStream(s, p.reason, `client closed: ${reasonName(p.reason)}`, false);
    } else if (p.type !== wisp.CONTINUE && p.type !== wisp.INFO) {
      protocolError(`packet type 0x${p.type.toString(16)}`); // not reached: parsePacket knows them all
    }
    // CONTINUE and INFO from a client mean nothing in v1: ignored, as wisp-js does.
  });
  ws.on('error', (err) => { if (!wsReason) wsReason = `websocket error: ${err.message}`; });
  ws.on('close', (code) => {
    wsClosed = true;
    if (!wsReason) wsReason = `websocket closed (${code})`;
    for (const s of [...streams.values()]) closeStream(s, REASON.NETWORK_ERROR, `websocket closed (${code})`, false);
    finishIfDone();
  });

  // Idle: a stream with no byte either way for idleTimeout is closed (TRANSFER_TIMEOUT); a
  // WebSocket with no stream and no byte for as long is closed (1001).
  if (idleTimeout > 0) {
    let last = socket.bytesRead + socket.bytesWritten, lastChange = Date.now();
    const check = () => {
      const now = Date.now();
      for (const s of [...streams.values()]) {
        const b = s.tcp.bytesRead + s.tcp.bytesWritten;
        if (b !== s.lastBytes) { s.lastBytes = b; s.lastChange = now; }
        if (now - s.lastChange >= idleTimeout) closeStream(s, REASON.TRANSFER_TIMEOUT, `idle for ${idleTimeout / 1000} s`);
      }
      const b = socket.bytesRead + socket.bytesWritten;
      if (b !== last || streams.size > 0) { last = b; lastChange = now; }
      if (now - lastChange >= idleTimeout) {
        if (!wsReason) wsReason = `idle for ${idleTimeout / 1000} s`;
        closeWs(CLOSE.GOING_AWAY, 'idle timeout');
        return;
      }
      idleTimer = setTimeout(check, Math.max(idleTimeout / 4, 10));
    };
    idleTimer = setTimeout(check, Math.max(idleTimeout / 4, 10));
  }

  // The client's first packet: how many packets each stream may send before a CONTINUE.
  send(wisp.continuePacket(0, BUFFER_PACKETS));

  return {
    ws,
    /** Open streams (for tests and stats): id → { target, tcp, up, down, credit, pending }. */
    streams,
    /** Closes politely: 1001 to the client, FIN to every target. */
    shutdown(why) {
      if (!wsReason) wsReason = why;
      for (const s of [...streams.values()]) closeStream(s, REASON.NETWORK_ERROR, why, false);
      closeWs(CLOSE.GOING_AWAY, why);
    },
    /** Cuts everything now. */
    terminate(why) {
      if (!wsReason) wsReason = why;
      for (const s of lingering) { if (!s.reason) s.reason = why; s.open = false; s.tcp.destroy(); }
      ws.terminate();
    },
  };
}
