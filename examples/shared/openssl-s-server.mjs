// A local `openssl s_server` for the examples and the tests: on 127.0.0.1 with a free port,
// which is read from its "ACCEPT host:port" line only once that line is complete (a line
// split across two pipe reads must not yield half a port), within a time bound.
import { spawn } from 'node:child_process';

/**
 * @param {string[]} args  s_server arguments after `-accept 127.0.0.1:0`
 * @param {object} [o]     { cwd, timeoutMs = 10000 }
 * @returns {Promise<{ child, port: number, output: () => string, stop: () => Promise<void> }>}
 */
export async function startSServer(args, o = {}) {
  const child = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', ...args],
    { cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let running = true;
  const exited = new Promise((resolve) => child.on('exit', () => { running = false; resolve(); }));
  child.stdout.on('data', (b) => { output += b; });
  child.stderr.on('data', (b) => { output += b; });
  const stop = async () => {
    if (running) child.kill();
    await exited;
  };
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`openssl s_server did not start:\n${output}`)),
        o.timeoutMs ?? 10000);
      child.stdout.on('data', () => {
        const m = /ACCEPT \S+:(\d+)\r?\n/.exec(output);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      });
      exited.then(() => { clearTimeout(timer); reject(new Error(`openssl s_server exited:\n${output}`)); });
    });
    return { child, port, output: () => output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
