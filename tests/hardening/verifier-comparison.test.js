// The engine's verdicts next to other verifiers' on the same certificates: `openssl verify
// -x509_strict -purpose sslserver` with -verify_hostname/-verify_ip, Node's
// tls.checkServerIdentity, and a Node TLS client (OpenSSL's chain check + checkServerIdentity)
// against a Node TLS server presenting the chain. Only the engine's strict verdict is asserted
// (the others legitimately differ in places); the whole table goes to
// build/reports/verifier-comparison.md and to the console.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { certDir, certFile, repoRoot } from '../support/paths.js';
import { loadSsl, connectedPair } from '../support/ssl.js';

const CA = 'ca.crt';
// [served (NAME.crt: leaf, then intermediates; NAME.key), host, trusted CA file, strict verdict]
const CASES = [
  ['server', 'localhost', CA, 'ok'],
  ['server', '127.0.0.1', CA, 'ok'],
  ['server', '::1', CA, 'ok'],
  ['ip-only', '127.0.0.1', CA, 'ok'],
  ['ip-only', '127.1', CA, 'ok'],
  ['ip-only', 'localhost', CA, 'refused'],
  ['ip-as-dns', '127.0.0.1', CA, 'refused'],
  ['uri-localhost', 'localhost', CA, 'refused'],
  ['cn-ip-only', '127.0.0.1', CA, 'refused'],
  ['wrong-host-cn-only', 'wrong.example', CA, 'refused'],
  ['wildcard', 'www.example.com', CA, 'ok'],
  ['wildcard', 'example.com', CA, 'refused'],
  ['wildcard', 'a.www.example.com', CA, 'refused'],
  ['wildcard-tld', 'example.com', CA, 'refused'],
  ['partial-wildcard', 'foo.example.com', CA, 'refused'],
  ['eku-both', 'localhost', CA, 'ok'],
  ['eku-any', 'localhost', CA, 'refused'],
  ['nc-ok-chain', 'www.allowed.test', CA, 'ok'],
  ['nc-bad-chain', 'localhost', CA, 'refused'],
  ['nc-cn-only-chain', 'localhost', CA, 'refused'],
  ['nc-crit-ok-chain', 'www.allowed.test', CA, 'ok'],
  ['nc-crit-ok-chain', '127.0.0.1', CA, 'ok'],
  ['nc-crit-bad-ip-chain', 'www.allowed.test', CA, 'refused'],
  ['nc-ex-ok-chain', 'localhost', CA, 'ok'],
  ['nc-ex-bad-chain', 'www.evil.test', CA, 'refused'],
  ['nc-ex-v6-chain', 'localhost', CA, 'refused'],
  ['nc-dir-ok-chain', 'localhost', CA, 'ok'],
  ['nc-dir-bad-chain', 'localhost', CA, 'refused'],
  ['private-critical-leaf', 'localhost', CA, 'refused'],
  ['server', 'localhost', 'ca-with-private-critical.pem', 'ok'],
  ['via-private-critical', 'localhost', 'ca-with-private-critical.pem', 'refused'],
  ['strict-v1', 'localhost', CA, 'refused'],
  ['strict-serial-zero', 'localhost', CA, 'refused'],
  ['strict-serial-long', 'localhost', CA, 'refused'],
  ['strict-leaf-ca', 'localhost', CA, 'refused'],
  ['strict-leaf-keycertsign', 'localhost', CA, 'refused'],
  ['strict-rsa-1024', 'localhost', CA, 'refused'],
  ['strict-no-aki', 'localhost', CA, 'refused'],
  ['strict-cn-not-in-san', 'localhost', CA, 'refused'],
  ['strict-bad-dns-san', 'localhost', CA, 'refused'],
  ['strict-via-bc-noncritical-chain', 'localhost', CA, 'refused'],
  ['strict-via-no-ski-chain', 'localhost', CA, 'refused'],
  ['chained-out-of-order', 'localhost', CA, 'ok'],
  ['chained-after-expired', 'localhost', CA, 'ok'],
  ['chained-after-decoy', 'localhost', CA, 'ok'],
];

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g;
const tmp = mkdtempSync(`${os.tmpdir()}/wssl-compare-`);
const rows = [];
let ssl;

beforeAll(async () => { ssl = await loadSsl('emscripten'); });

async function engine(served, host, cafile, profile) {
  try {
    const { client } = await connectedPair(ssl,
      { server_hostname: host, cadata: certFile(cafile), verify_profile: profile },
      { key: certFile(`${served}.key`), cert: certFile(`${served}.crt`) });
    await client.close();
    return 'ok';
  } catch (err) {
    return `refused: ${(err.verifyErrors || [err.message]).join('; ')}`;
  }
}

function opensslVerify(served, host, cafile) {
  const blocks = readFileSync(`${certDir}/${served}.crt`, 'utf8').match(PEM_BLOCK);
  writeFileSync(`${tmp}/leaf.pem`, blocks[0]);
  writeFileSync(`${tmp}/untrusted.pem`, blocks.slice(1).join('') || blocks[0]);
  const name = net.isIP(host) ? ['-verify_ip', host] : ['-verify_hostname', host];
  try {
    execFileSync('openssl', ['verify', '-x509_strict', '-purpose', 'sslserver', ...name,
      '-CAfile', `${certDir}/${cafile}`, '-untrusted', `${tmp}/untrusted.pem`, `${tmp}/leaf.pem`],
    { stdio: 'pipe', timeout: 10000 });
    return 'ok';
  } catch (err) {
    const text = String(err.stdout) + String(err.stderr);
    const reason = text.match(/error \d+ at \d+ depth lookup: ([^\n]+)/) || text.match(/([^\n]*(?:invalid|error|Error)[^\n]*)/);
    return `refused: ${reason ? reason[1].trim() : text.trim().split('\n').pop()}`;
  }
}

function nodeCheckServerIdentity(served, host) {
  const leaf = new X509Certificate(readFileSync(`${certDir}/${served}.crt`)).toLegacyObject();
  const err = tls.checkServerIdentity(host, leaf);
  return err ? `refused: ${err.code || err.message}` : 'ok';
}

async function nodeTls(served, host, cafile) {
  let server;
  try {
    server = tls.createServer({ key: certFile(`${served}.key`), cert: certFile(`${served}.crt`) },
      (sock) => sock.end());
    server.on('tlsClientError', () => {});
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  } catch (err) {
    return `server error: ${err.code || err.message}`;
  }
  try {
    return await new Promise((resolve) => {
      const sock = tls.connect({ port: server.address().port, host: '127.0.0.1',
        ca: certFile(cafile), servername: net.isIP(host) ? undefined : host,
        checkServerIdentity: (_, cert) => tls.checkServerIdentity(host, cert) });
      const timer = setTimeout(() => { sock.destroy(); resolve('refused: timeout'); }, 10000);
      sock.on('secureConnect', () => { clearTimeout(timer); sock.destroy(); resolve('ok'); });
      sock.on('error', (err) => { clearTimeout(timer); resolve(`refused: ${err.code || err.message}`); });
    });
  } finally {
    server.close();
  }
}

const verdictOf = (cell) => (cell === 'ok' ? 'ok' : 'refused');

test.each(CASES)('%s as %s (trusting %s): strict verdict %s', async (served, host, cafile, strictVerdict) => {
  const row = {
    served, host, cafile,
    strict: await engine(served, host, cafile, 'strict'),
    compat: await engine(served, host, cafile, 'compat'),
    openssl: opensslVerify(served, host, cafile),
    checkServerIdentity: nodeCheckServerIdentity(served, host),
    nodeTls: await nodeTls(served, host, cafile),
  };
  rows.push(row);
  expect(verdictOf(row.strict)).toBe(strictVerdict);
});

afterAll(() => {
  const cols = ['strict', 'compat', 'openssl', 'checkServerIdentity', 'nodeTls'];
  const cell = (s) => s.replace(/\|/g, '\\|').slice(0, 160);
  const lines = [
    '# Certificate verdicts: the engine (strict, compat) and other verifiers',
    '',
    `${rows.length} cases; "disagrees" marks rows where openssl -x509_strict or the Node TLS client`,
    'reaches another verdict than the engine\'s strict profile.',
    '',
    `| served | host | trusted | ${cols.join(' | ')} | disagrees |`,
    `|---|---|---|${cols.map(() => '---').join('|')}|---|`,
  ];
  let disagreements = 0;
  for (const r of rows) {
    const differs = [r.openssl, r.nodeTls].some((v) => verdictOf(v) !== verdictOf(r.strict));
    disagreements += differs;
    lines.push(`| ${r.served} | ${r.host} | ${r.cafile} | ${cols.map((c) => cell(r[c])).join(' | ')} | ${differs ? 'yes' : ''} |`);
  }
  lines.push('', `${disagreements} of ${rows.length} rows disagree.`);
  mkdirSync(`${repoRoot}/build/reports`, { recursive: true });
  writeFileSync(`${repoRoot}/build/reports/verifier-comparison.md`, `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
});
