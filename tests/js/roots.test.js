// wasm-ssl/roots: the generated root store loads, every certificate of it, into an engine
// config (cadata is all or nothing: one unparsable certificate is ValueError('invalid cert')),
// in Node and in chromium, and the module imports nothing of Node's.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { load, CERT_REQUIRED, ValueError } from '../../js/src/index.js';
import { roots, rootsSource } from '../../js/src/roots/index.js';
import { repoRoot } from '../support/paths.js';
import { describeIfChromium, launchChromium, startStaticServer } from '../support/browser.js';

const DATA = `${repoRoot}/js/src/roots/mozilla-roots.js`;

/** A client config built with cadata (do_handshake false: nothing is sent). */
async function configWith(ssl, cadata) {
  const [a] = ssl.memoryPair();
  const s = await ssl.wrap_socket(a, { cert_reqs: CERT_REQUIRED, cadata, server_hostname: 'example.org', do_handshake: false });
  await s.close();
}

test('every root of the store loads into a config; the header says where they come from', async () => {
  const bundle = await roots();
  const source = await rootsSource();
  expect(bundle.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(source.count);
  expect(source.count).toBeGreaterThan(100);
  expect(readFileSync(DATA, 'utf8')).toContain(`Node.js ${source.node} (tls.rootCertificates),\n// taken on ${source.date}: ${source.count} certificates`);
  for (const runtime of ['emscripten', 'wasi']) {
    const ssl = await load({ runtime });
    await configWith(ssl, bundle);
    // The all-or-nothing rule is what makes the line above cover each root: one bad byte fails it.
    const broken = bundle.replace(/(-----BEGIN CERTIFICATE-----\n)MII/, '$1MIJ');
    await expect(configWith(ssl, broken)).rejects.toThrow(ValueError);
  }
  console.log(`wasm-ssl/roots: ${source.count} roots (Node ${source.node}, ${source.date}); data module ` +
    `${statSync(DATA).size} bytes, ${gzipSync(readFileSync(DATA), { level: 9 }).length} gzip -9`);
});

test('the module and its data import nothing of Node\'s', () => {
  for (const file of ['index.js', 'mozilla-roots.js']) {
    expect(readFileSync(`${repoRoot}/js/src/roots/${file}`, 'utf8')).not.toMatch(/\bimport\b[^;]*['"]node:|require\(/);
  }
});

describeIfChromium('in chromium', () => {
  test('a page builds a config from roots() with the browser entry', async () => {
    const web = await startStaticServer({ '/js/': `${repoRoot}/js/`, '/blank.html': `${repoRoot}/tests/support/blank.html` });
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${web.address().port}/blank.html`);
      const result = await page.evaluate(async () => {
        const { roots, rootsSource } = await import('/js/src/roots/index.js');
        const { load, CERT_REQUIRED } = await import('/js/src/browser.js');
        const ssl = await load();
        const [a] = ssl.memoryPair();
        const s = await ssl.wrap_socket(a, { cert_reqs: CERT_REQUIRED, cadata: await roots(), server_hostname: 'example.org', do_handshake: false });
        await s.close();
        return (await rootsSource()).count;
      });
      expect(result).toBe((await rootsSource()).count);
    } finally {
      await browser.close();
      web.closeAllConnections();
      await new Promise((r) => web.close(r));
    }
  }, 60000);
});
