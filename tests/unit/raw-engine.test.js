// The raw wrapper (js/src/engine/raw.js) over fake exports in a real EngineInstance: the stream
// bookkeeping and the copies in and out of engine memory, without a wasm build.
import { EngineInstance } from '../../js/src/engine/engine-instance.js';
import { RawEngine } from '../../js/src/engine/raw.js';
import { CLIENT } from '../../js/src/engine/abi.js';

// A bump allocator in a real Memory, and whatever else a test sets.
function fakeEngine(overrides = {}) {
  const memory = new WebAssembly.Memory({ initial: 1 });
  let top = 1024;
  const exports = {
    memory,
    wssl_alloc: (n) => { const p = top; top += Math.max(n, 1); return p; },
    wssl_free: () => {},
    wssl_config_new: () => 7,
    wssl_conn_new: () => 9,
    ...overrides,
  };
  return new EngineInstance(exports, 'fake');
}

test('a connection the engine refuses leaves no host stream registered', () => {
  const engine = fakeEngine({ wssl_conn_new: () => -0x7f00 });
  const config = new RawEngine(engine).newConfig(CLIENT);
  expect(config.connect({}, 'localhost')).toBe(-0x7f00);
  expect(engine.streams.size).toBe(0);
});

test('a connection serves its host stream until released', () => {
  const engine = fakeEngine();
  const stream = {};
  const conn = new RawEngine(engine).newConfig(CLIENT).connect(stream, null);
  expect(conn.handle).toBe(9);
  expect(engine.streams.get(conn.streamId)).toBe(stream);
  conn.releaseStream();
  expect(engine.streams.size).toBe(0);
});

test('a config the engine refuses is its error code', () => {
  expect(new RawEngine(fakeEngine({ wssl_config_new: () => -12 })).newConfig(CLIENT)).toBe(-12);
});

test('readInto copies exactly what the engine read; write hands it the caller\'s bytes', () => {
  let written = null;
  const engine = fakeEngine({
    wssl_read: (h, p, len) => { engine.heap.set([1, 2, 3], p); return Math.min(3, len); },
    wssl_write: (h, p, len) => { written = engine.heap.slice(p, p + len); return len; },
  });
  const conn = new RawEngine(engine).newConfig(CLIENT).connect({}, null);
  const target = new Uint8Array(8).fill(0xee);
  expect(conn.readInto(target)).toBe(3);
  expect([...target]).toEqual([1, 2, 3, 0xee, 0xee, 0xee, 0xee, 0xee]);
  expect(conn.write(Uint8Array.of(4, 5))).toBe(2);
  expect([...written]).toEqual([4, 5]);
});

test('out of engine memory, reads and writes say ENOMEM without calling the engine', () => {
  const engine = fakeEngine({
    wssl_alloc: () => 0,
    wssl_read: () => { throw new Error('called'); },
    wssl_write: () => { throw new Error('called'); },
  });
  const conn = new RawEngine(engine).newConfig(CLIENT).connect({}, null);
  expect(conn.readInto(new Uint8Array(4))).toBe(-12);
  expect(conn.read(4)).toBe(-12);
  expect(conn.write(new Uint8Array(4))).toBe(-12);
});
