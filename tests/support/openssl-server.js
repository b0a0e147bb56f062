// A real `openssl s_server` on loopback for the JS suites: started on a free port, stopped
// (and waited for) by stop(); every server still running when the test file ends is killed.
import { startSServer } from '../../examples/shared/openssl-s-server.mjs';
import { certDir } from './paths.js';

const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGKILL'); });

/**
 * @param {object} [o]
 * @param {string} [o.cert]      base name in the certificate directory (default 'server')
 * @param {string[]} [o.credentials]  the -cert/-key (...) arguments in full, instead of o.cert
 * @param {'1.2'|'1.3'} [o.tls]  the only version offered (default: both)
 * @param {string[]} [o.args]    extra s_server arguments (default: ['-rev'], echo reversed lines)
 * @returns {Promise<{ port: number, output: () => string, stop: () => Promise<void> }>}
 */
export async function startOpenSslServer(o = {}) {
  const cert = o.cert || 'server';
  const credentials = o.credentials || ['-cert', `${certDir}/${cert}.crt`, '-key', `${certDir}/${cert}.key`];
  const args = ['s_server', '-accept', '127.0.0.1:0', ...credentials, '-ign_eof'];
  if (o.tls === '1.2') args.push('-tls1_2');
  if (o.tls === '1.3') args.push('-tls1_3');
  args.push(...(o.args || ['-rev']));
  const server = await startSServer(args.slice(3));
  running.add(server.child);
  server.child.on('exit', () => running.delete(server.child));
  return { port: server.port, output: server.output, stop: server.stop };
}
