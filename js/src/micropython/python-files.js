// The Python side of wasm-ssl: real .py files shipped next to this module (python/), written
// into MicroPython's file system at /lib, which is on MicroPython's sys.path.
import { fetchOk, readLocal } from '../package-file.js';

const MODULES = ['ssl.py', 'tls.py', 'socket.py', '_wasm_ssl_stream.py', '_wasm_ssl_abi.py'];
const LIB = '/lib';

async function readText(url) {
  const local = await readLocal(url);
  return local ? local.toString('utf8') : (await fetchOk(url)).text();
}

/** The sources, read once per page/process. */
let sources = null;
function pythonSources() {
  sources ||= Promise.all(MODULES.map(async (name) => [name, await readText(new URL(`./python/${name}`, import.meta.url))]));
  return sources;
}

/** Writes the modules into mp's /lib. */
export async function writePythonModules(mp) {
  const FS = mp.FS;
  if (!FS.analyzePath(LIB).exists) FS.mkdir(LIB);
  for (const [name, text] of await pythonSources()) FS.writeFile(`${LIB}/${name}`, text);
}
