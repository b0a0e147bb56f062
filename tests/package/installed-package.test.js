// The package as users get it: `npm pack` of js/, installed into an empty project (its one
// dependency, ws, from npm's cache or the registry, as `npm ci` gets it), then used from that
// project by its public name against a real Node TLS server on loopback.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, certDir } from '../support/paths.js';
import { startOpenSslServer } from '../support/openssl-server.js';

const run = promisify(execFile);
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, timeout: 120000 });

let work, files;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wasm-ssl-pack-'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', work], `${repoRoot}/js`);
  files = JSON.parse(stdout)[0].files.map((f) => f.path);
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'empty-project', private: true, type: 'module' }));
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  await npm(['install', '--prefer-offline', `./${tarball}`], work);
}, 240000);
afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

test('the tarball ships the licences, the notice for mbedtls, the types, the docs and every .wasm, and nothing of the repo', () => {
  for (const f of ['LICENSE', 'NOTICE.md', 'README.md', 'package.json', 'index.d.ts', 'bridge.d.ts',
    'micropython.d.ts', 'roots.d.ts', 'dist/mbedtls-LICENSE.txt', 'dist/wasm_ssl.wasm', 'dist/wasm_ssl_scalar.wasm',
    'dist/wasm_ssl_wasi.wasm', 'dist/wasm_ssl_wasi_scalar.wasm', 'dist/wasm_ssl.mjs',
    'docs/micropython.md', 'docs/wasm-abi.md', 'docs/bridge.md', 'src/browser.js', 'src/roots/mozilla-roots.js']) {
    expect(files).toContain(f);
  }
  expect(files.filter((f) => !/^(src|dist|docs)\/|^[^/]+$/.test(f))).toEqual([]);
});

test('every relative link of the packaged README and docs leads to a file in the tarball', () => {
  const broken = [];
  for (const doc of files.filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(work, 'node_modules/wasm-ssl', doc), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const resolved = join(doc, '..', target);
      if (!files.includes(resolved)) broken.push(`${doc} -> ${target}`);
    }
  }
  expect(broken).toEqual([]);
});

// The README's blocks marked `<!-- runnable ... -->`, each run as its own module in the empty
// project on this Node, against openssl s_server on loopback (its port put in place of the
// README's 4433); ca.pem and ca.der are the test CA. MicroPython is the optional peer
// dependency, linked from the workspace.
describe('the packaged README\'s runnable examples', () => {
  let server;
  const blocks = () => [...readFileSync(join(work, 'node_modules/wasm-ssl/README.md'), 'utf8')
    .matchAll(/<!-- runnable[^>]*-->\n```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  beforeAll(async () => {
    server = await startOpenSslServer({ args: ['-www'] });
    copyFileSync(`${certDir}/ca.crt`, join(work, 'ca.pem'));
    copyFileSync(`${certDir}/ca.der`, join(work, 'ca.der'));
    const mp = '@micropython/micropython-webassembly-pyscript';
    mkdirSync(join(work, 'node_modules/@micropython'), { recursive: true });
    symlinkSync(`${repoRoot}/node_modules/${mp}`, join(work, 'node_modules', mp));
  });
  afterAll(async () => { if (server) await server.stop(); });

  test('there are four: Node, the bridge, MicroPython, the roots', () => {
    expect(blocks()).toHaveLength(4);
  });

  test.each([
    [0, /^HTTP\/1\.0 200 ok\r\n/],
    [1, /^HTTP\/1\.0 200 ok\n$/],
    [2, /^b'HTTP\/1\.0 200 ok'\n$/],
    [3, /^$/],
  ])('block %i runs and prints what it says', async (i, expected) => {
    const file = join(work, `readme-${i}.mjs`);
    writeFileSync(file, blocks()[i].replaceAll('4433', String(server.port)));
    const { stdout } = await run(process.execPath, ['--no-warnings', file], { cwd: work, timeout: 60000 });
    expect(stdout).toMatch(expected);
  }, 70000);
});

test('installed into an empty project, it makes a verified TLS 1.3 connection to Node\'s tls on loopback', async () => {
  writeFileSync(join(work, 'client.mjs'), `
    import net from 'node:net';
    import tls from 'node:tls';
    import { readFileSync } from 'node:fs';
    import { load, CERT_REQUIRED } from 'wasm-ssl';
    const pem = (n) => readFileSync(${JSON.stringify(certDir)} + '/' + n);
    const server = tls.createServer({ key: pem('server.key'), cert: pem('server.crt') }, (s) => s.end('hello from node'));
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    for (const runtime of ['emscripten', 'wasi']) {
      const ssl = await load({ runtime });
      const s = await ssl.wrap_socket(net.connect(server.address().port, '127.0.0.1'),
        { cert_reqs: CERT_REQUIRED, cadata: pem('ca.crt'), server_hostname: 'localhost' });
      console.log(runtime, s.version(), s.verify_result().verified, new TextDecoder().decode(await s.read()));
      await s.close();
    }
    server.close();
  `);
  const { stdout } = await run(process.execPath, ['client.mjs'], { cwd: work, timeout: 60000 });
  expect(stdout.trim().split('\n')).toEqual([
    'emscripten TLSv1.3 true hello from node', 'wasi TLSv1.3 true hello from node']);
}, 90000);
