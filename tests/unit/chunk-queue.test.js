// ChunkQueue alone: bytes come out in the order they went in, across chunk boundaries and
// partial reads, with `length` counting what is left. No wasm, no peers.
import { ChunkQueue } from '../../js/src/streams/chunk-queue.js';

const bytes = (...values) => Uint8Array.from(values);

test('reads across chunk boundaries in order, in pieces of any size', () => {
  const q = new ChunkQueue();
  q.push(bytes(1, 2, 3));
  q.push(bytes(4));
  q.push(bytes(5, 6, 7, 8));
  expect(q.length).toBe(8);
  const a = new Uint8Array(2), b = new Uint8Array(5), c = new Uint8Array(4);
  expect(q.readInto(a)).toBe(2);
  expect(q.readInto(b)).toBe(5);
  expect(q.length).toBe(1);
  expect(q.readInto(c)).toBe(1);
  expect([...a, ...b, c[0]]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(q.length).toBe(0);
  expect(q.readInto(c)).toBe(0);
});

test('an empty buffer takes nothing', () => {
  const q = new ChunkQueue();
  q.push(bytes(9));
  expect(q.readInto(new Uint8Array(0))).toBe(0);
  expect(q.length).toBe(1);
});

test('many small chunks, read a few at a time, keep their order (the queue compacts itself)', () => {
  const q = new ChunkQueue();
  for (let i = 0; i < 3000; i++) q.push(bytes(i & 0xff, (i >> 8) & 0xff));
  const out = [];
  const buf = new Uint8Array(3);
  let pushed = false;
  for (let reads = 0; q.length > 0 && reads < 3000; reads++) { // 2001 reads drain it
    const n = q.readInto(buf);
    out.push(...buf.subarray(0, n));
    if (!pushed && out.length >= 4000) { q.push(bytes(0xaa)); pushed = true; } // while draining
  }
  expect(out.length).toBe(6001);
  for (let i = 0; i < 3000; i++) {
    expect([out[2 * i], out[2 * i + 1]]).toEqual([i & 0xff, (i >> 8) & 0xff]);
  }
  expect(out[6000]).toBe(0xaa);
});
