// A real browser: Debian's chromium, headless, driven by playwright-core (no browser
// download). A page served on 127.0.0.1 loads the package (ES module from js/src, engine from
// js/dist), connects through the bridge to openssl s_server with CERT_REQUIRED, exchanges data,
// and reports; the test asserts the report.
import { startBridge } from '../../js/src/bridge/index.js';
import { certDir, repoRoot } from '../support/paths.js';
import { startOpenSslServer } from '../support/openssl-server.js';
import { describeIfChromium, launchChromium, startStaticServer } from '../support/browser.js';

// The page, the package (js/src, js/dist) and the test CA; nothing else.
const staticServer = () => startStaticServer({ '/js/': `${repoRoot}/js/`, '/certs/': `${certDir}/`,
  '/page/': `${repoRoot}/tests/browser/` });

describeIfChromium('in chromium', () => {
  let good, wrongHost, bridge, web, browser, context;
  beforeAll(async () => {
    good = await startOpenSslServer({ cert: 'server' });
    wrongHost = await startOpenSslServer({ cert: 'wrong-host' });
    web = await staticServer();
    bridge = await startBridge({ allow: [`127.0.0.1:${good.port}`, `127.0.0.1:${wrongHost.port}`], log: () => {},
      origins: [`http://127.0.0.1:${web.address().port}`] });
    browser = await launchChromium();
    ({ context } = browser);
  }, 60000);
  afterAll(async () => {
    if (browser) await browser.close();
    if (web) await new Promise((r) => web.close(r));
    if (bridge) await bridge.close();
    await Promise.all([good, wrongHost].filter(Boolean).map((s) => s.stop()));
  });

  test('the page connects through the bridge with CERT_REQUIRED, exchanges data, and sees a wrong host refused', async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const query = new URLSearchParams({
      bridge: bridge.url().replace(/\/$/, '/'),
      good: `127.0.0.1:${good.port}`,
      wrongHost: `127.0.0.1:${wrongHost.port}`,
    });
    await page.goto(`http://127.0.0.1:${web.address().port}/page/page.html?${query}`);
    await page.waitForFunction(() => window.wasmSslReport !== undefined, null, { timeout: 30000 });
    const report = await page.evaluate(() => window.wasmSslReport);
    expect(errors).toEqual([]);
    expect(report.error).toBeUndefined();
    expect(report.userAgent).toMatch(/Chrome\//);
    expect(report).toMatchObject({
      mbedtls: 'Mbed TLS 3.6.6',
      version: 'TLSv1.3',
      peer: { subject: 'CN=localhost', issuer: 'CN=wasm-ssl Test CA' },
      verify: { verified: true, flags: 0, errors: [] },
      reply: 'muimorhc morf olleh\n',
      bigEchoed: 100000,
      wrongHost: { name: 'OSError', isOSError: true, code: 'MBEDTLS_ERR_X509_CERT_VERIFY_FAILED',
        verifyErrors: ['The certificate Common Name (CN) does not match with the expected CN'] },
    });
    expect(report.cipher).toMatch(/^TLS1-3-/);
    await page.close();
  }, 60000);
});
