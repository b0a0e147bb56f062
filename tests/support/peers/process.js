// A peer program (openssl, gnutls-serv, gnutls-cli) as a child process: output collected,
// awaited by pattern with a deadline, stopped by the test and killed if the test process exits.
import { spawn } from 'node:child_process';
import net from 'node:net';

const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGKILL'); });

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ stdin?: boolean }} [o]  stdin: keep a pipe to the program's standard input
 */
export function startProcess(command, args, o = {}) {
  const child = spawn(command, args, { stdio: [o.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  let done = false;
  const listeners = new Set();
  const notify = () => { for (const listener of listeners) listener(); };
  child.stdout.on('data', (b) => { output += b; notify(); });
  child.stderr.on('data', (b) => { output += b; notify(); });
  if (child.stdin) child.stdin.on('error', () => {}); // the program may exit before reading it
  const exited = new Promise((resolve) => child.on('close', (code, signal) => {
    running.delete(child);
    done = true;
    notify();
    resolve({ code, signal });
  }));
  return {
    child,
    exited,
    output: () => output,
    /**
     * Resolves with the first match of pattern in the output; rejects at the deadline or exit.
     * Output arrives in arbitrary pieces: a pattern that captures a value should end at a line end.
     */
    waitFor(pattern, ms = 10000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(output);
          if (m || done) {
            listeners.delete(check);
            clearTimeout(timer);
            if (m) resolve(m);
            else reject(new Error(`${command} exited without printing ${pattern}:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`${command}: no ${pattern} within ${ms} ms:\n${output}`));
        }, ms);
        listeners.add(check);
        check();
      });
    },
    send(text) { child.stdin.write(text); },
    endInput() { child.stdin.end(); },
    /** Ends the program (SIGTERM, then SIGKILL after a second) and waits for it. */
    async stop() {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for programs that cannot take port 0). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
