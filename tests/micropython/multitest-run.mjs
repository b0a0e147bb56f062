// Runs two-instance (or one-instance) MicroPython test files with the suite's runner, outside
// jest: for measuring MicroPython's own tests/multi_net and tests/extmod files (kept outside
// this repository) against the port.
//   node tests/micropython/multitest-run.mjs [--data DIR] FILE.py...
// DIR's files (and folders) are copied into each instance's working directory (certificates
// and keys).
// Prints each file's output and, where FILE.py.exp exists, PASS or FAIL against it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runMultitest, formatOutputs } from './support/multitest.js';

const args = process.argv.slice(2);
let data = null;
if (args[0] === '--data') {
  data = args[1];
  args.splice(0, 2);
}
const files = {};
const collect = (dir, prefix) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, `${prefix}${name}/`);
    else files[`${prefix}${name}`] = new Uint8Array(readFileSync(path));
  }
};
if (data) collect(data, '');

for (const file of args) {
  const source = readFileSync(file, 'utf8');
  const instances = /^def instance1/m.test(source) ? 2 : 1;
  const outputs = await runMultitest({ source, files, instances, timeoutMs: Number(process.env.MULTITEST_TIMEOUT_MS || 30000) });
  const text = instances > 1 ? formatOutputs(outputs) : outputs[0].map((l) => `${l}\n`).join('');
  const expFile = existsSync(`${file}.exp`) ? `${file}.exp` : null;
  const verdict = expFile ? (readFileSync(expFile, 'utf8') === text ? 'PASS' : 'FAIL') : 'NO-EXP';
  console.log(`==== ${basename(file)}: ${verdict}\n${text}`);
}
process.exit(0);
