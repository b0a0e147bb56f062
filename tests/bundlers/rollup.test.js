// Rollup with @rollup/plugin-node-resolve at its defaults (which pick the package's `default`
// export condition, the browser entry): the page bundles with no warning. Rollup itself does not
// follow `new URL('…', import.meta.url)`, so, as with esbuild, the page hands the .wasm over:
// the file copied next to the bundle and load({ wasmUrl }).
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { distDir } from '../support/paths.js';
import { describeIfChromium } from '../support/browser.js';
import { describeOutput, makeProject, writeIndexHtml } from './support/project.js';
import { peersForSuite, VERIFIED_EXCHANGE } from './support/run-page.js';

describeIfChromium('Rollup + node-resolve', () => {
  const peers = peersForSuite();

  test('the page bundles with no warning and, given the .wasm by URL, makes a verified TLS exchange in chromium', async () => {
    const project = peers.track(makeProject({ loadOptions: "{ wasmUrl: '/wasm_ssl.wasm' }" }));
    const outDir = path.join(project.dir, 'out');
    const warnings = [];
    const bundle = await rollup({ input: path.join(project.dir, 'main.js'), plugins: [nodeResolve()],
      onwarn: (w) => warnings.push(w.message) });
    await bundle.write({ dir: outDir, format: 'es' });
    await bundle.close();
    expect(warnings).toEqual([]);
    const output = describeOutput(outDir);
    expect(output.nodeImports).toEqual([]);
    expect(output.wasm).toEqual([]);
    copyFileSync(`${distDir}/wasm_ssl.wasm`, path.join(outDir, 'wasm_ssl.wasm'));
    writeIndexHtml(outDir, './main.js');
    expect(await peers.open({ dir: outDir })).toEqual(VERIFIED_EXCHANGE);
    console.log(`rollup: ${output.summary}`);
  }, 90000);
});
