// http-parser-js reads header lines as Node's Buffer does, chunk.toString('ascii', start, end);
// browsers have no Buffer, so the bytes handed to it are this view, which decodes that one way
// (each byte one character, as Node's 'ascii' decoding does) and slices into plain Uint8Arrays.
class ParserBytes extends Uint8Array {
  static get [Symbol.species]() { return Uint8Array; }

  toString(encoding, start = 0, end = this.length) {
    let text = '';
    for (let i = start; i < end; i += 8192) {
      text += String.fromCharCode.apply(null, this.subarray(i, Math.min(end, i + 8192)));
    }
    return text;
  }
}

/** The same memory as `bytes`, readable by http-parser-js. */
export function parserBytes(bytes) {
  return new ParserBytes(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
