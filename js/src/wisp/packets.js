// Wisp protocol v1 framing: one WebSocket binary message is one packet,
//   type (u8) | stream id (u32, little-endian) | payload
// CONNECT: stream type (u8) | port (u16 LE) | hostname (UTF-8)
// DATA: the bytes. CONTINUE: buffer remaining (u32 LE, in packets). CLOSE: reason (u8).
// Stream 0 is the connection itself: the server's first packet is CONTINUE on stream 0, the
// number of packets it buffers per stream, every stream's initial credit.

export const CONNECT = 0x01;
export const DATA = 0x02;
export const CONTINUE = 0x03;
export const CLOSE = 0x04;
export const INFO = 0x05; // Wisp v2 only: a v1 peer never sends it

export const TCP = 0x01;
export const UDP = 0x02;

export const HEADER_SIZE = 5;
const PAYLOAD_SIZE = { [CONNECT]: 3, [DATA]: 0, [CONTINUE]: 4, [CLOSE]: 1, [INFO]: 2 };
const MAX_STREAM_ID = 0xffffffff;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });

function header(type, streamId, payloadSize) {
  const packet = new Uint8Array(HEADER_SIZE + payloadSize);
  const view = new DataView(packet.buffer);
  view.setUint8(0, type);
  view.setUint32(1, streamId, true);
  return { packet, view };
}

export function connectPacket(streamId, host, port, streamType = TCP) {
  const name = textEncoder.encode(host);
  const { packet, view } = header(CONNECT, streamId, 3 + name.length);
  view.setUint8(5, streamType);
  view.setUint16(6, port, true);
  packet.set(name, 8);
  return packet;
}

/** A DATA packet with a copy of `bytes` (which may be a view of wasm memory). */
export function dataPacket(streamId, bytes) {
  const { packet } = header(DATA, streamId, bytes.length);
  packet.set(bytes, HEADER_SIZE);
  return packet;
}

export function continuePacket(streamId, bufferRemaining) {
  const { packet, view } = header(CONTINUE, streamId, 4);
  view.setUint32(5, bufferRemaining, true);
  return packet;
}

export function closePacket(streamId, reason) {
  const { packet, view } = header(CLOSE, streamId, 1);
  view.setUint8(5, reason);
  return packet;
}

/**
 * A received message → { type, streamId, ... } with the type's fields (DATA's `data` is a
 * view of `bytes`, no copy), or { error } saying what is wrong with it.
 */
export function parsePacket(bytes) {
  if (bytes.length < HEADER_SIZE) return { error: `packet of ${bytes.length} bytes (a header is ${HEADER_SIZE})` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getUint8(0);
  const streamId = view.getUint32(1, true);
  const need = PAYLOAD_SIZE[type];
  if (need === undefined) return { error: `unknown packet type 0x${type.toString(16)}` };
  if (bytes.length - HEADER_SIZE < need) return { error: `packet type 0x${type.toString(16)} too short` };
  switch (type) {
    case CONNECT: {
      let host;
      try {
        host = textDecoder.decode(bytes.subarray(8));
      } catch {
        return { error: 'CONNECT hostname is not UTF-8' };
      }
      return { type, streamId, streamType: view.getUint8(5), port: view.getUint16(6, true), host };
    }
    case DATA: return { type, streamId, data: bytes.subarray(HEADER_SIZE) };
    case CONTINUE: return { type, streamId, bufferRemaining: view.getUint32(5, true) };
    case CLOSE: return { type, streamId, reason: view.getUint8(5) };
    default: return { type, streamId };
  }
}

export { MAX_STREAM_ID };
