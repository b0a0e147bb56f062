// ConfigCache over a fake binding (the cache only calls newConfig and the config's setters):
// one config per distinct setting, compared byte for byte, the least recently used freed first.
import { ConfigCache } from '../../js/src/config-cache.js';

class FakeConfig {
  constructor(id, log) { this.id = id; this.log = log; this.freed = false; }
  setOwnCert() {}
  addCa(cadata) { if (cadata[0] === 0xff) throw new Error('bad CA'); }
  setVerifyMode() {}
  setVerifyCallback() {}
  setAlpn() {}
  setCiphers() {}
  setVerifyProfile() {}
  setMaxChainDepth() {}
  free() { this.freed = true; this.log.push(`free ${this.id}`); }
}

function fakeBinding() {
  const log = [];
  let next = 0;
  return { log, newConfig: (serverSide) => { log.push(`new ${next}`); return new FakeConfig(next++, log); } };
}

const options = (cadata, extra = {}) => ({
  serverSide: false, certReqs: 2, verifyCallback: null, key: null, cert: null, cadata,
  alpnProtocols: null, ciphers: null, verifyProfile: 'strict', maxChainDepth: null, ...extra,
});
const ca = (n) => Uint8Array.of(1, 2, n);

test('equal settings share one config, compared by content, not identity', () => {
  const b = fakeBinding();
  const cache = new ConfigCache(b);
  const first = cache.configFor(options(ca(1)));
  expect(cache.configFor(options(ca(1)))).toBe(first); // another array, the same bytes
  expect(cache.configFor(options(ca(2)))).not.toBe(first);
  expect(cache.configFor(options(ca(1), { alpnProtocols: ['h2'] }))).not.toBe(first);
  expect(b.log).toEqual(['new 0', 'new 1', 'new 2']);
});

test('the ninth distinct setting frees the least recently used config', () => {
  const b = fakeBinding();
  const cache = new ConfigCache(b);
  const configs = [];
  for (let i = 0; i < 8; i++) configs.push(cache.configFor(options(ca(i))));
  cache.configFor(options(ca(0))); // used again: now the most recent
  cache.configFor(options(ca(8)));
  expect(configs[0].freed).toBe(false);
  expect(configs[1].freed).toBe(true);
  expect(b.log.filter((e) => e.startsWith('free'))).toEqual(['free 1']);
  // The evicted setting is made anew; the kept one is not.
  expect(cache.configFor(options(ca(0)))).toBe(configs[0]);
  expect(cache.configFor(options(ca(1)))).not.toBe(configs[1]);
});

test('a config that fails to be set up is freed and not cached', () => {
  const b = fakeBinding();
  const cache = new ConfigCache(b);
  expect(() => cache.configFor(options(Uint8Array.of(0xff)))).toThrow('bad CA');
  expect(b.log).toEqual(['new 0', 'free 0']);
  expect(() => cache.configFor(options(Uint8Array.of(0xff)))).toThrow('bad CA');
  expect(b.log).toEqual(['new 0', 'free 0', 'new 1', 'free 1']);
});
