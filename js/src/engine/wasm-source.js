// Where a build's .wasm comes from: bytes or a compiled module the caller passes, a URL, or
// (default) the file shipped next to this package in dist/.
const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node);

/**
 * @param {object} options  { wasmBinary?: BufferSource, wasmModule?: WebAssembly.Module,
 *                            wasmUrl?: string | URL }
 * @param {string} file     the default file name in dist/
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileWasm(options, file) {
  if (options.wasmModule instanceof WebAssembly.Module) return options.wasmModule;
  if (options.wasmBinary) return WebAssembly.compile(options.wasmBinary);
  const url = options.wasmUrl ? new URL(options.wasmUrl, import.meta.url) : new URL(`../../dist/${file}`, import.meta.url);
  if (url.protocol === 'file:' && isNode) {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wasm-ssl: cannot load ${url}: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function' &&
      (response.headers.get('content-type') || '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
