// Randomness comes only from the platform's CSPRNG (emscripten: crypto.getRandomValues; WASI:
// random_get, tests/wasi/preview1-host.test.js). When that fails the engine refuses to seed, so
// no config and no handshake can be made: never a weaker fallback, never a trap.
import { instantiateEngine } from '../../js/src/engine/index.js';

const ENTROPY_FAILED = 'MBEDTLS_ERR_ENTROPY_SOURCE_FAILED';

test('emscripten: a failing crypto.getRandomValues leaves the engine refusing to work', async () => {
  const engine = await instantiateEngine({ runtime: 'emscripten' });
  crypto.getRandomValues = () => { throw new Error('no randomness here'); };
  try {
    expect(engine.errorName(engine.exports.wssl_config_new(0))).toBe(ENTROPY_FAILED);
    expect(engine.errorName(engine.exports.wssl_config_new(1))).toBe(ENTROPY_FAILED);
  } finally {
    delete crypto.getRandomValues; // back to the prototype's
  }
  // Randomness is back, but an engine that failed to seed stays refused.
  expect(engine.errorName(engine.exports.wssl_config_new(0))).toBe(ENTROPY_FAILED);
});
