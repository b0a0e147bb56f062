// HostStream's two sides without wasm: the engine's synchronous read/write results and the
// incoming backpressure an adapter is told about (pause above the high-water mark, resume once
// the engine has read it down to half).
import { HostStream } from '../../js/src/streams/host-stream.js';
import { WOULD_BLOCK } from '../../js/src/engine/engine-instance.js';

class Recorder extends HostStream {
  constructor(options) {
    super(options);
    this.events = [];
  }

  _pause() { this.events.push('pause'); }
  _resume() { this.events.push('resume'); }
}

const chunk = (n, fill = 1) => new Uint8Array(n).fill(fill);

test('pauses the transport once above the high-water mark and resumes it at half', () => {
  const s = new Recorder({ highWaterMark: 100 });
  s._push(chunk(60));
  s._push(chunk(40));
  expect(s.events).toEqual([]); // at the mark, not above it
  s._push(chunk(10));
  s._push(chunk(10));
  expect(s.events).toEqual(['pause']);
  const buf = new Uint8Array(40);
  expect(s.read(buf)).toBe(40); // 80 left: still above half
  expect(s.events).toEqual(['pause']);
  expect(s.read(buf)).toBe(40); // 40 left
  expect(s.events).toEqual(['pause', 'resume']);
  expect(s.read(buf)).toBe(40);
  expect(s.events).toEqual(['pause', 'resume']);
});

test('the engine reads would-block, then the bytes, then a failure, then nothing more', () => {
  const s = new HostStream();
  const buf = new Uint8Array(8);
  expect(s.read(buf)).toBe(WOULD_BLOCK);
  s._push(chunk(3, 7));
  s._fail(104); // ECONNRESET: reported once what arrived before it is read
  expect(s.read(buf)).toBe(3);
  expect([...buf.subarray(0, 3)]).toEqual([7, 7, 7]);
  expect(s.read(buf)).toBe(-104);
  expect(s.write(buf)).toBe(-104);
});

test('EAGAIN or a nonsense errno from a transport is EIO, never "try again"', () => {
  for (const errno of [11, 0, -5, 1000, 2.5, 'x']) {
    const s = new HostStream();
    s._fail(errno);
    expect(s.read(new Uint8Array(1))).toBe(-5);
  }
});

test('end of stream reads 0; a closed stream refuses writes with EPIPE', () => {
  const s = new HostStream();
  s._end();
  expect(s.read(new Uint8Array(1))).toBe(0);
  s.close();
  expect(s.write(new Uint8Array(1))).toBe(-32);
});

test('whenReady settles when bytes arrive, not before', async () => {
  const s = new HostStream();
  let ready = false;
  const waiting = s.whenReady('read').then(() => { ready = true; });
  await Promise.resolve();
  expect(ready).toBe(false);
  s._push(chunk(1));
  await waiting;
  expect(ready).toBe(true);
});
