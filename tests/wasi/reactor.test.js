// The WASI reactor as any preview1 runtime sees it: exactly the documented imports and exports,
// no name or debug sections, an explicit stack placed first in memory, and instantiable by a host
// that supplies nothing but those imports.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { distDir, repoRoot } from '../support/paths.js';

const wasmPath = `${distDir}/wasm_ssl_wasi.wasm`;
const module = new WebAssembly.Module(readFileSync(wasmPath));

// Every function include/wasm_ssl.h declares as exported (the lines starting "WSSL_API").
const headerExports = readFileSync(`${repoRoot}/include/wasm_ssl.h`, 'utf8').split('\n')
  .filter((line) => line.startsWith('WSSL_API '))
  .map((line) => /(wssl_[a-z0-9_]+)\(/.exec(line)[1]);

test('imports are exactly WASI clock_time_get and random_get plus the two stream functions', () => {
  expect(WebAssembly.Module.imports(module)).toEqual([
    { module: 'wasi_snapshot_preview1', name: 'clock_time_get', kind: 'function' },
    { module: 'wasi_snapshot_preview1', name: 'random_get', kind: 'function' },
    { module: 'wasm_ssl', name: 'stream_write', kind: 'function' },
    { module: 'wasm_ssl', name: 'stream_read', kind: 'function' },
  ]);
});

test('exports are memory, _initialize and exactly the functions of include/wasm_ssl.h', () => {
  const exports = WebAssembly.Module.exports(module);
  expect(headerExports.length).toBeGreaterThan(30);
  expect(exports.map((e) => e.name).sort()).toEqual(['_initialize', 'memory', ...headerExports].sort());
  expect(exports.filter((e) => e.kind === 'function').length).toBe(headerExports.length + 1);
});

test('no name section and no debug sections', () => {
  for (const name of ['name', '.debug_info', '.debug_line', '.debug_str'])
    expect(WebAssembly.Module.customSections(module, name)).toHaveLength(0);
});

test('the stack is 256 KiB and sits first in memory, so an overflow traps instead of overwriting data', () => {
  // The only global is the stack pointer; starting at the stack's size means the stack occupies
  // [0, 256 KiB) and grows down towards address 0, below which every access traps.
  const globals = execFileSync('wasm-objdump', ['-x', '-j', 'Global', wasmPath], { encoding: 'utf8' });
  expect(globals).toMatch(/global\[0\] i32 mutable=1 - init i32=262144\n/);
});

test('a host supplying only those four functions instantiates it and can call every export', async () => {
  let memory = null;
  const unused = () => { throw new Error('no stream was opened'); };
  const instance = await WebAssembly.instantiate(module, {
    wasi_snapshot_preview1: {
      clock_time_get: (id, precision, out) => {
        new DataView(memory.buffer).setBigUint64(out, BigInt(Date.now()) * 1000000n, true);
        return 0;
      },
      random_get: (ptr, len) => { crypto.getRandomValues(new Uint8Array(memory.buffer, ptr, len)); return 0; },
    },
    wasm_ssl: { stream_read: unused, stream_write: unused },
  });
  memory = instance.exports.memory;
  instance.exports._initialize();
  const x = instance.exports;
  const cstring = (ptr) => new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, new Uint8Array(memory.buffer, ptr).indexOf(0)));
  expect(cstring(x.wssl_mbedtls_version())).toBe('Mbed TLS 3.6.6');
  const config = x.wssl_config_new(0);
  expect(config).toBeGreaterThan(0);
  expect(x.wssl_config_get_verify_mode(config)).toBe(2);
  expect(x.wssl_config_free(config)).toBe(0);
});
