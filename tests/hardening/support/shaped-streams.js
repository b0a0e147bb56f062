// Host streams (the engine's transport contract) that misbehave on purpose, layered over any
// other host stream: reads that deliver one byte at a time, writes that fail with an errno.
import { toHostStream } from '../../../js/src/index.js';

/** Each read() hands over at most one byte; everything else is the inner stream's. */
export function oneBytePerRead(sock) {
  const inner = toHostStream(sock);
  return {
    read: (buf) => inner.read(buf.subarray(0, Math.min(buf.length, 1))),
    write: (buf) => inner.write(buf),
    close: () => inner.close(),
    whenReady: (direction) => inner.whenReady(direction),
  };
}

/** Writes go through until failWith(errno) is called; from then on they return -errno. */
export function switchableWrites(sock) {
  const inner = toHostStream(sock);
  let errno = 0;
  return {
    failWith(code) { errno = code; },
    read: (buf) => inner.read(buf),
    write: (buf) => (errno ? -errno : inner.write(buf)),
    close: () => inner.close(),
    whenReady: (direction) => inner.whenReady(direction),
  };
}
