// The browser example (examples/micropython/) in chromium: the page is cross-origin isolated,
// the seed's snippet runs unchanged in a Worker whose sockets block (SharedArrayBuffer +
// Atomics.wait, the WebSocket on the page's thread), and the await version on the page's
// thread; both through the bridge to openssl s_server with CERT_REQUIRED.
import { describeIfChromium, launchChromium } from '../support/browser.js';
import { startExample } from '../../examples/micropython/serve.mjs';

describeIfChromium('MicroPython in chromium', () => {
  let example, browser;
  beforeAll(async () => {
    example = await startExample();
    browser = await launchChromium();
  }, 60000);
  afterAll(async () => {
    if (browser) await browser.close();
    if (example) await example.close();
  });

  test('a Worker runs the seed snippet with blocking sockets, the page runs it with await', async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${example.url}?auto`);
    await page.waitForFunction(() => window.exampleDone !== undefined, null, { timeout: 45000 });
    const output = await page.evaluate(() => window.exampleDone);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const [worker, main] = output.split('== on the main thread, with await\n');
    expect(worker).toMatch(/^== in a Worker, blocking\nb'HTTP\/1\.0 200 ok\\r\\n/);
    expect(worker).toContain("('TLS1-3-CHACHA20-POLY1305-SHA256', 'TLSv1.3')");
    expect(main).toMatch(/^b'HTTP\/1\.0 200 ok\\r\\n/);
    expect(main).toContain("('TLS1-3-CHACHA20-POLY1305-SHA256', 'TLSv1.3')");
    expect(output).not.toMatch(/error|Traceback/);
    await page.close();
  }, 60000);
});
