// A WASI preview1 host written from scratch for the tests, with exactly the two functions the
// reactor imports, in the shape load({ runtime: 'wasi', wasi }) takes ({ wasiImport,
// initialize(instance) }). Its randomness can be made to fail and its wall clock set, to show
// what the engine does with each.
const ERRNO_INVAL = 28, ERRNO_IO = 29;
const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1;

/**
 * @param {object} [o]
 * @param {() => boolean} [o.randomWorks]  false: random_get returns EIO (default: always works)
 * @param {Date} [o.now]                   the wall clock (default: the real one)
 */
export function preview1Host(o = {}) {
  const randomWorks = o.randomWorks || (() => true);
  let memory = null;
  const calls = { clock_time_get: 0, random_get: 0 };
  const wasiImport = {
    clock_time_get(id, precision, out) {
      calls.clock_time_get++;
      let ns;
      if (id === CLOCK_REALTIME) ns = BigInt(o.now ? o.now.getTime() : Date.now()) * 1000000n;
      else if (id === CLOCK_MONOTONIC) ns = process.hrtime.bigint();
      else return ERRNO_INVAL;
      new DataView(memory.buffer).setBigUint64(out, ns, true);
      return 0;
    },
    random_get(ptr, len) {
      calls.random_get++;
      if (!randomWorks()) return ERRNO_IO;
      for (let done = 0; done < len; done += 65536) // getRandomValues' limit per call
        crypto.getRandomValues(new Uint8Array(memory.buffer, ptr + done, Math.min(65536, len - done)));
      return 0;
    },
  };
  return {
    wasiImport,
    calls,
    initialize(instance) {
      memory = instance.exports.memory;
      instance.exports._initialize();
    },
  };
}
