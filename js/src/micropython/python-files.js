// The Python side of wasm-ssl: real .py files shipped next to this module (python/), written
// into MicroPython's file system at /lib, which is on MicroPython's sys.path.
const MODULES = ['ssl.py', 'tls.py', 'socket.py', '_wasm_ssl_stream.py'];
const LIB = '/lib';

async function readText(url) {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return readFile(url, 'utf8');
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wasm-ssl: cannot load ${url}: HTTP ${response.status}`);
  return response.text();
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
