// The bad-certificate matrix, both wasm builds through the public API. Every certificate of
// tests/certs/make-certs.sh that must fail verification is served by a real `openssl s_server`
// and by a wasm server: under CERT_REQUIRED the wasm client rejects it with an OSError that names
// the failed check in mbedtls' words; under CERT_NONE it connects and exchanges data. The same
// for a wasm server checking client certificates. Zero false accepts. The results are written as
// a table to build/reports/bad-certificates.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { certDir, certFile, repoRoot } from '../support/paths.js';
import { RUNTIMES, loadSsl, text } from '../support/ssl.js';
import { startProcess } from '../support/peers/process.js';

const NOT_TRUSTED = 'The certificate is not correctly signed by the trusted CA';
const CN_MISMATCH = 'The certificate Common Name (CN) does not match with the expected CN';
const WRONG_EKU = 'Usage does not match the extendedKeyUsage extension';
const strictRule = (rule, subject) => `strict profile: ${rule} (${subject}); verify_profile='compat' allows it`;

// Failed checks end the handshake as MBEDTLS_ERR_X509_CERT_VERIFY_FAILED; under the strict
// profile (the default) that includes an extended key usage that does not name the peer's role,
// which the compat profile leaves to mbedtls' later usage check (MBEDTLS_ERR_SSL_BAD_CERTIFICATE).
// Either way the error names the check.
const VERIFY_FAILED = 'MBEDTLS_ERR_X509_CERT_VERIFY_FAILED';

// name, what is wrong, certificate (+ chain sent with it), error, the checks that fail
const SERVER_CASES = [
  ['expired', 'expired (2020)', 'expired', null, VERIFY_FAILED, ['The certificate validity has expired']],
  ['not yet valid', 'valid from 2099', 'not-yet-valid', null, VERIFY_FAILED, ['The certificate validity starts in the future']],
  ['wrong host (SAN)', 'SAN wrong.example, asked for localhost', 'wrong-host', null, VERIFY_FAILED, [CN_MISMATCH]],
  ['wrong host (CN only)', 'CN wrong.example, no SAN', 'wrong-host-cn-only', null, VERIFY_FAILED,
    [CN_MISMATCH, strictRule('a server certificate needs a subjectAltName (no CN fallback)', 'CN=wrong.example')]],
  ['untrusted root', 'issued by another CA', 'untrusted', null, VERIFY_FAILED, [NOT_TRUSTED]],
  ['self-signed leaf', 'signed by its own key', 'self-signed', null, VERIFY_FAILED, [NOT_TRUSTED]],
  ['bad signature', 'last signature byte flipped', 'bad-signature', null, VERIFY_FAILED, [NOT_TRUSTED]],
  ['clientAuth-only EKU', 'used as a server', 'client-auth-only', null, VERIFY_FAILED,
    [CN_MISMATCH, WRONG_EKU, strictRule('extendedKeyUsage does not name serverAuth', 'CN=localhost'),
      strictRule('a server certificate needs a subjectAltName (no CN fallback)', 'CN=localhost')]],
  ['missing intermediate', 'leaf sent without its intermediate', 'chained', null, VERIFY_FAILED, [NOT_TRUSTED]],
  ['intermediate not a CA', 'intermediate has CA:FALSE', 'via-not-ca', 'not-ca-intermediate', VERIFY_FAILED, [NOT_TRUSTED]],
  ['SHA-1 signature', 'leaf signed with SHA-1', 'sha1', null, VERIFY_FAILED, ['The certificate is signed with an unacceptable hash.']],
];
// mbedtls will not present a certificate that is not for servers: a wasm server with the
// clientAuth-only certificate ends every handshake itself (handshake_failure), so only
// openssl s_server serves that one.
const NOT_SERVED_BY_MBEDTLS = new Set(['clientAuth-only EKU']);

// The same faults in client certificates (clientAuth EKU) checked by a wasm server.
const CLIENT_CASES = [
  ['expired', 'expired-client', null, VERIFY_FAILED, ['The certificate validity has expired']],
  ['not yet valid', 'not-yet-valid-client', null, VERIFY_FAILED, ['The certificate validity starts in the future']],
  ['untrusted root', 'untrusted-client', null, VERIFY_FAILED, [NOT_TRUSTED]],
  ['self-signed leaf', 'self-signed-client', null, VERIFY_FAILED, [NOT_TRUSTED]],
  ['bad signature', 'bad-signature-client', null, VERIFY_FAILED, [NOT_TRUSTED]],
  ['serverAuth-only EKU', 'server', null, VERIFY_FAILED,
    [WRONG_EKU, strictRule('extendedKeyUsage does not name clientAuth', 'CN=localhost')]],
  ['missing intermediate', 'chained-client', null, VERIFY_FAILED, [NOT_TRUSTED]],
  ['intermediate not a CA', 'via-not-ca-client', 'not-ca-intermediate', VERIFY_FAILED, [NOT_TRUSTED]],
  ['SHA-1 signature', 'sha1-client', null, VERIFY_FAILED, ['The certificate is signed with an unacceptable hash.']],
];

const chainOf = (cert, chain) => {
  const leaf = certFile(`${cert}.crt`);
  if (!chain) return leaf;
  const extra = certFile(`${chain}.crt`);
  const both = new Uint8Array(leaf.length + extra.length);
  both.set(leaf);
  both.set(extra, leaf.length);
  return both;
};

const report = []; // rows of the results table

/** A client's outcome: connect(), then "ping" and the server's answer ("gnip", reversed). */
async function asClient(connect) {
  try {
    const s = await connect();
    await s.write('ping\n');
    const echoed = text(await s.readline());
    await s.close();
    return { accepted: true, echoed };
  } catch (err) {
    return { accepted: false, err };
  }
}

/** A server's outcome: connect(), then answer one line reversed. */
async function asServer(connect) {
  try {
    const s = await connect();
    const line = text(await s.readline());
    await s.write(`${[...line.trim()].reverse().join('')}\n`);
    await s.close();
    return { accepted: true, echoed: line };
  } catch (err) {
    return { accepted: false, err };
  }
}

function expectRejected(result, code, failures) {
  expect(result.accepted).toBe(false);
  expect(result.err).toBeInstanceOf(Error);
  expect(result.err.name).toBe('OSError');
  expect(result.err.code).toBe(code);
  expect(result.err.verifyErrors).toEqual(failures);
  for (const f of failures) expect(result.err.message).toContain(f);
}

// Real OpenSSL servers for each bad certificate. Debian's OpenSSL refuses to load a SHA-1
// certificate at its default security level, hence SECLEVEL=0 for these servers only.
const servers = {};
beforeAll(async () => {
  await Promise.all(SERVER_CASES.map(async ([name, , cert, chain]) => {
    const args = ['s_server', '-accept', '127.0.0.1:0', '-rev', '-ign_eof', '-cert', `${certDir}/${cert}.crt`,
      '-key', `${certDir}/${cert}.key`, '-cipher', 'DEFAULT:@SECLEVEL=0'];
    if (chain) args.push('-cert_chain', `${certDir}/${chain}.crt`);
    const proc = startProcess('openssl', args);
    servers[name] = { proc, port: Number((await proc.waitFor(/ACCEPT \S+:(\d+)\r?\n/))[1]) };
  }));
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.proc.stop()));
  writeTable();
});

describe.each(RUNTIMES)('%s build', (runtime) => {
  let ssl;
  beforeAll(async () => { ssl = await loadSsl(runtime); });

  const client = (extra) => ({ cadata: certFile('ca.der'), server_hostname: 'localhost', ...extra });
  const overTcp = (name, options) => ssl.wrap_socket(net.connect(servers[name].port, '127.0.0.1'), options);
  const overPair = (cert, chain, options) => {
    const [a, b] = ssl.memoryPair();
    // The wasm server sends the bad chain and answers like s_server -rev.
    asServer(() => ssl.wrap_socket(b, { server_side: true, cert: chainOf(cert, chain), key: certFile(`${cert}.key`) }));
    return ssl.wrap_socket(a, options);
  };

  describe.each([['openssl s_server', 'tcp'], ['a wasm server', 'pair']])('served by %s', (server, how) => {
    const cases = SERVER_CASES.filter(([name]) => how === 'tcp' || !NOT_SERVED_BY_MBEDTLS.has(name));
    const connect = (name, cert, chain, options) =>
      (how === 'tcp' ? overTcp(name, options) : overPair(cert, chain, options));

    test.each(cases)('%s (%s): CERT_REQUIRED rejects it, naming the check', async (name, what, cert, chain, code, failures) => {
      const result = await asClient(() => connect(name, cert, chain, client({ cert_reqs: ssl.CERT_REQUIRED })));
      report.push({ side: 'server certificate', runtime, peer: server, name, what, mode: 'CERT_REQUIRED', result });
      expectRejected(result, code, failures);
    });

    test.each(cases)('%s (%s): CERT_NONE connects', async (name, what, cert, chain) => {
      const result = await asClient(() => connect(name, cert, chain, client({ cert_reqs: ssl.CERT_NONE })));
      report.push({ side: 'server certificate', runtime, peer: server, name, what, mode: 'CERT_NONE', result });
      expect(result).toEqual({ accepted: true, echoed: 'gnip\n' });
    });
  });

  describe('a wasm server checking client certificates', () => {
    /** A wasm client presenting `cert` to a wasm server with `certReqs`; the server's outcome. */
    async function presentClientCert(cert, chain, certReqs) {
      const [a, b] = ssl.memoryPair();
      const clientSide = asClient(() => ssl.wrap_socket(a, client({
        cert_reqs: ssl.CERT_REQUIRED, cert: chainOf(cert, chain), key: certFile(`${cert}.key`) })));
      const server = await asServer(() => ssl.wrap_socket(b, {
        server_side: true, cert: certFile('server.crt'), key: certFile('server.key'),
        cert_reqs: certReqs, cadata: certFile('ca.crt') }));
      await clientSide;
      return server;
    }

    test.each(CLIENT_CASES)('%s: CERT_REQUIRED rejects it, naming the check', async (name, cert, chain, code, failures) => {
      const server = await presentClientCert(cert, chain, ssl.CERT_REQUIRED);
      report.push({ side: 'client certificate', runtime, peer: 'a wasm server', name, what: `${cert}.crt as client`, mode: 'CERT_REQUIRED', result: server });
      expectRejected(server, code, failures);
    });

    test.each(CLIENT_CASES)('%s: CERT_NONE connects', async (name, cert, chain) => {
      const server = await presentClientCert(cert, chain, ssl.CERT_NONE);
      report.push({ side: 'client certificate', runtime, peer: 'a wasm server', name, what: `${cert}.crt as client`, mode: 'CERT_NONE', result: server });
      expect(server.accepted).toBe(true);
    });
  });
});

function writeTable() {
  const rows = new Map();
  for (const r of report) {
    const key = `${r.side}|${r.name}|${r.peer}`;
    if (!rows.has(key)) rows.set(key, { ...r, cells: {} });
    const cell = r.result.accepted ? 'accepted' : `${r.result.err.code}: ${(r.result.err.verifyErrors || []).join('; ') || r.result.err.message}`;
    rows.get(key).cells[`${r.runtime} ${r.mode}`] = cell;
  }
  const lines = ['| certificate | fault | checked by / served by | CERT_REQUIRED (emscripten, wasi) | CERT_NONE (emscripten, wasi) |', '|---|---|---|---|---|'];
  for (const r of rows.values()) {
    const both = (mode) => {
      const e = r.cells[`emscripten ${mode}`], w = r.cells[`wasi ${mode}`];
      return e === w ? e : `${e} / ${w}`;
    };
    lines.push(`| ${r.side}: ${r.name} | ${r.what} | ${r.peer} | ${both('CERT_REQUIRED')} | ${both('CERT_NONE')} |`);
  }
  mkdirSync(`${repoRoot}/build/reports`, { recursive: true });
  writeFileSync(`${repoRoot}/build/reports/bad-certificates.md`, `${lines.join('\n')}\n`);
}
