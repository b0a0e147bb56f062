// A real `openssl s_server` on loopback for the JS suites: started on a free port, stopped
// (and waited for) by stop(); every server still running when the test file ends is killed.
import { spawn } from 'node:child_process';
import { certDir } from './paths.js';

const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGKILL'); });

/**
 * @param {object} [o]
 * @param {string} [o.cert]      base name in the certificate directory (default 'server')
 * @param {'1.2'|'1.3'} [o.tls]  the only version offered (default: both)
 * @param {string[]} [o.args]    extra s_server arguments (default: ['-rev'], echo reversed lines)
 * @returns {Promise<{ port: number, output: () => string, stop: () => Promise<void> }>}
 */
export async function startOpenSslServer(o = {}) {
  const cert = o.cert || 'server';
  const args = ['s_server', '-accept', '127.0.0.1:0', '-cert', `${certDir}/${cert}.crt`,
    '-key', `${certDir}/${cert}.key`, '-ign_eof'];
  if (o.tls === '1.2') args.push('-tls1_2');
  if (o.tls === '1.3') args.push('-tls1_3');
  args.push(...(o.args || ['-rev']));
  const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', () => { running.delete(child); resolve(); }));
  child.stdout.on('data', (b) => { output += b; });
  child.stderr.on('data', (b) => { output += b; });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl s_server did not start:\n${output}`)), 10000);
    const look = () => {
      const m = /ACCEPT \S+:(\d+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    child.stdout.on('data', look);
    child.on('exit', () => { clearTimeout(timer); reject(new Error(`openssl s_server exited:\n${output}`)); });
  });
  return {
    port,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
