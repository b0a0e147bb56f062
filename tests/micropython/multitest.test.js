// Two-instance tests (tests/micropython/multi/*.py): a server instance and a client instance,
// each MicroPython-wasm in its own Worker, coordinated as MicroPython's run-multitests.py
// does (support/multitest.js). Each file's output must equal its .exp.
import { readFileSync, readdirSync } from 'node:fs';
import { runMultitest, formatOutputs } from './support/multitest.js';

const dir = new URL('./multi/', import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith('.py')).sort();

test.each(files)('%s', async (name) => {
  const source = readFileSync(new URL(name, dir), 'utf8');
  const outputs = await runMultitest({ source, timeoutMs: 20000 });
  expect(formatOutputs(outputs)).toBe(readFileSync(new URL(`${name}.exp`, dir), 'utf8'));
}, 30000);
