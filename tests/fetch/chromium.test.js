// wasm-ssl/fetch in a real browser: Debian's chromium, headless. The page (chromium-page.js)
// is bundled by esbuild from the package's public entries (http-parser-js is CommonJS, which a
// browser cannot import unbundled) and fetches from Node's https server on loopback through
// the bridge and through Wisp, verified against the test CA.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startBridge } from '../../js/src/bridge/index.js';
import { describeIfChromium, launchChromium, startStaticServer } from '../support/browser.js';
import { certDir, repoRoot } from '../support/paths.js';
import { startHttpsServer } from './support/https-server.js';

const BIG = 3 * 1024 * 1024;

describeIfChromium('wasm-ssl/fetch in chromium', () => {
  let out, server, web, bridge, wisp, browser;
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'wasm-ssl-fetch-page-'));
    await build({ entryPoints: [path.join(repoRoot, 'tests/fetch/chromium-page.js')], absWorkingDir: repoRoot,
      bundle: true, platform: 'browser', format: 'esm', outfile: path.join(out, 'page.js'), logLevel: 'silent' });
    server = await startHttpsServer({
      '/hello': (req, res) => res.end(`hello ${req.headers['x-from']}`),
      '/gzip': (req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('z'.repeat(50000))),
      '/big': (req, res) => res.end(Buffer.alloc(BIG, 7)),
    });
    web = await startStaticServer({ '/js/dist/': `${repoRoot}/js/dist/`, '/certs/': `${certDir}/`, '/page/': `${out}/`,
      '/blank/': `${repoRoot}/tests/support/` });
    const origins = [`http://127.0.0.1:${web.address().port}`];
    bridge = await startBridge({ allow: [`127.0.0.1:${server.port}`], log: () => {}, origins });
    wisp = await startBridge({ wisp: true, allow: [`127.0.0.1:${server.port}`], log: () => {}, origins });
    browser = await launchChromium();
  }, 60000);
  afterAll(async () => {
    if (browser) await browser.close();
    if (web) {
      web.closeAllConnections();
      await new Promise((r) => web.close(r));
    }
    await bridge?.close();
    await wisp?.close();
    await server?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('fetches verified through the bridge and through Wisp, on one connection each, and refuses an untrusted server', async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const query = new URLSearchParams({ origin: `https://localhost:${server.port}`, bridge: bridge.url(), wisp: wisp.wispUrl() });
    await page.goto(`http://127.0.0.1:${web.address().port}/blank/blank.html?${query}`);
    await page.addScriptTag({ url: '/page/page.js', type: 'module' });
    await page.waitForFunction(() => window.wasmSslReport !== undefined, null, { timeout: 45000 });
    const report = await page.evaluate(() => window.wasmSslReport);
    await page.close();
    expect(errors).toEqual([]);
    const exchange = { status: 200, hello: 'hello chromium', gzip: 50000, bigBytes: BIG };
    expect(report).toEqual({
      bridge: exchange,
      wisp: exchange,
      wrongCa: { name: 'TypeError', message: 'fetch failed', cause: 'MBEDTLS_ERR_X509_CERT_VERIFY_FAILED' },
    });
    // bridge: one connection for three fetches; Wisp: one more; the untrusting fetch: one more
    expect(server.counts.connections).toBe(3);
  }, 60000);
});
