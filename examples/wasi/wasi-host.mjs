// Runs build/wasi/examples/https_client.wasm under node:wasi, as wasmtime or wasmer would:
// its stdin/stdout are this process's (the encrypted stream), its stderr is the report.
//   node examples/wasi/wasi-host.mjs CERT_DIR CA_FILE HOSTNAME [PATH]
// CERT_DIR is preopened as /certs; CA_FILE is a name inside it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const [certDir, caFile, hostname, path = '/'] = process.argv.slice(2);
const wasmPath = fileURLToPath(new URL('../../build/wasi/examples/https_client.wasm', import.meta.url));
if (!existsSync(wasmPath)) {
  console.error(`${wasmPath} is missing: build it with \`make wasi\``);
  process.exit(2);
}
const wasi = new WASI({
  version: 'preview1',
  args: ['https_client', `/certs/${caFile}`, hostname, path],
  preopens: { '/certs': certDir },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
