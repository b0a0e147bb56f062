// Vite with no configuration file and no options beyond the project root: the dev server
// (which pre-bundles the package into node_modules/.vite/deps) and `vite build`, each running
// the page in chromium to a verified TLS exchange with openssl s_server through the bridge.
import { build, createServer } from 'vite';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { certDir } from '../support/paths.js';
import { describeIfChromium } from '../support/browser.js';
import { describeOutput, makeProject, writeIndexHtml } from './support/project.js';
import { peersForSuite, VERIFIED_EXCHANGE, VERIFIED_EXCHANGE_SCALAR } from './support/run-page.js';

/** A Vite project: index.html at the root, the test CA in public/ (served at /certs/). */
function viteProject(options) {
  const project = makeProject(options);
  writeIndexHtml(project.dir, '/main.js');
  mkdirSync(path.join(project.dir, 'public', 'certs'), { recursive: true });
  cpSync(`${certDir}/ca.der`, path.join(project.dir, 'public', 'certs', 'ca.der'));
  return project;
}

const quiet = { configFile: false, logLevel: 'silent' };

describeIfChromium('Vite', () => {
  const peers = peersForSuite();

  test('the dev server runs the page to a verified TLS exchange in chromium, fetching the SIMD .wasm only', async () => {
    const project = peers.track(viteProject());
    const server = await createServer({ ...quiet, root: project.dir, server: { host: '127.0.0.1', port: 0 } });
    try {
      await server.listen();
      const origin = server.resolvedUrls.local[0].replace(/\/$/, '');
      expect(await peers.open({ origin, path: '/' })).toEqual(VERIFIED_EXCHANGE);
    } finally {
      await server.close();
    }
  }, 90000);

  test('vite build emits the two emscripten .wasm files and one glue, no node: import, and the page works', async () => {
    const project = peers.track(viteProject());
    const outDir = path.join(project.dir, 'dist');
    await build({ ...quiet, root: project.dir, build: { outDir } });
    const output = describeOutput(outDir);
    expect(output.nodeImports).toEqual([]);
    expect(output.wasm).toHaveLength(2); // SIMD + scalar; never the WASI builds
    expect(Object.keys(output.files).filter((f) => f.endsWith('.wasm') || f.startsWith('assets/wasm_ssl'))
      .filter((f) => /\.m?js$/.test(f)).length).toBeLessThanOrEqual(1);
    expect(await peers.open({ dir: outDir })).toEqual(VERIFIED_EXCHANGE);
    console.log(`vite build: ${output.summary}`);
  }, 90000);

  test('vite build: where SIMD is missing (here forced: simd false) the page fetches the scalar build only', async () => {
    const project = peers.track(viteProject({ loadOptions: '{ simd: false }' }));
    const outDir = path.join(project.dir, 'dist');
    await build({ ...quiet, root: project.dir, build: { outDir } });
    expect(await peers.open({ dir: outDir })).toEqual(VERIFIED_EXCHANGE_SCALAR);
  }, 90000);
});
