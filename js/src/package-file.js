// A file shipped with the package (the .wasm builds, the MicroPython modules): read from disk
// for a file: URL under Node, fetched everywhere else.
import { isNode } from './platform.js';

/** The file's bytes from disk, or null where it has to be fetched. */
export async function readLocal(url) {
  if (url.protocol !== 'file:' || !isNode) return null;
  const { readFile } = await import('node:fs/promises');
  return readFile(url);
}

/** fetch(url), failing with the URL and status unless the response is ok. */
export async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wasm-ssl: cannot load ${url}: HTTP ${response.status}`);
  return response;
}
