// Byte arguments: what the package accepts where the seed takes bytes.
const textEncoder = new TextEncoder();

/** A Uint8Array view of bytes given as Uint8Array, ArrayBuffer, any typed array, or a string (UTF-8). */
export function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string') return textEncoder.encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`expected bytes (Uint8Array, ArrayBuffer, a typed array or a string), got ${describe(data)}`);
}

/** A short name for a value's type, for error messages. */
export function describe(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor ? value.constructor.name : 'object';
}

/** One array holding all of parts, in order (a copy, also for a single part). */
export function concat(parts) {
  if (parts.length === 1) return parts[0].slice();
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
