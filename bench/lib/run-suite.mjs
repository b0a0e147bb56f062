// Runs one suite of bench/lib/suites.mjs in this process and prints its result as JSON:
//   node bench/lib/run-suite.mjs SUITE full|quick
import { suites } from './suites.mjs';
import { settings } from './scenarios.mjs';

const [name, mode] = process.argv.slice(2);
if (!suites[name] || !settings[mode]) {
  console.error(`usage: run-suite.mjs (${Object.keys(suites).join('|')}) (full|quick)`);
  process.exit(2);
}
const result = await suites[name](settings[mode]);
process.stdout.write(`${JSON.stringify(result)}\n`);
