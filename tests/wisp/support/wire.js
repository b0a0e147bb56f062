// Helpers of the Wisp suites: bounded waits, raw writes to a host stream, and a recorder of
// the packets a WebSocket carries (to check flow control on the wire).
import { createHash } from 'node:crypto';
import { WOULD_BLOCK } from '../../../js/src/engine/engine.js';
import { parsePacket, DATA, CONTINUE } from '../../../js/src/wisp/packets.js';

export const sha256 = (b) => createHash('sha256').update(b).digest('hex');

/** `promise`, or a rejection naming `what` after ms. */
export function within(ms, promise, what) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Writes all of bytes to a host stream, waiting while it would block. */
export async function writeAll(stream, bytes) {
  for (let off = 0; off < bytes.length;) {
    const n = stream.write(bytes.subarray(off));
    if (n === WOULD_BLOCK) await stream.whenReady('write');
    else if (n < 0) throw new Error(`write failed: errno ${-n}`);
    else off += n;
  }
}

/**
 * Records, per stream, the DATA packets a client WebSocket (`ws`) sends and the CONTINUE
 * packets it receives, and checks Wisp's flow-control rule on every DATA packet: no more
 * packets since the last CONTINUE (the first one: stream 0's) than that CONTINUE allowed.
 */
export function creditRecorder(ws) {
  const streams = new Map(); // id → { allowed, sentSince, sent, bytes }
  let initial = null;
  const violations = [];
  const at = (id) => {
    if (!streams.has(id)) streams.set(id, { allowed: initial, sentSince: 0, sent: 0, bytes: 0 });
    return streams.get(id);
  };
  ws.on('message', (data) => {
    const p = parsePacket(new Uint8Array(data));
    if (p.type !== CONTINUE) return;
    if (p.streamId === 0) initial = p.bufferRemaining;
    else Object.assign(at(p.streamId), { allowed: p.bufferRemaining, sentSince: 0 });
  });
  const send = ws.send.bind(ws);
  ws.send = (packet, ...rest) => {
    const p = parsePacket(packet);
    if (p.type === DATA) {
      const s = at(p.streamId);
      s.sentSince++;
      s.sent++;
      s.bytes += p.data.length;
      if (s.allowed === null || s.sentSince > s.allowed) violations.push({ stream: p.streamId, ...s });
    }
    return send(packet, ...rest);
  };
  return { streams, violations, initial: () => initial };
}
