// A file shipped with the package (the .wasm builds, the MicroPython modules): read from disk
// for a file: URL under Node, fetched everywhere else.
import { isNode } from './platform.js';

export { fetchOk } from './fetch-ok.js';

/** The file's bytes from disk, or null where it has to be fetched. */
export async function readLocal(url) {
  if (url.protocol !== 'file:' || !isNode) return null;
  // webpackIgnore: webpack fails on a node: import in a web build even where it never runs.
  const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
  return readFile(url);
}
