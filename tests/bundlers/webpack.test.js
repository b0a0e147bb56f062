// webpack 5 through its node API with only what its CLI assumes anyway (an entry, an output
// directory, production mode): no loader, no rule, no resolve setting, no externals.
import webpack from 'webpack';
import path from 'node:path';
import { describeIfChromium } from '../support/browser.js';
import { describeOutput, makeProject, writeIndexHtml } from './support/project.js';
import { peersForSuite, VERIFIED_EXCHANGE } from './support/run-page.js';

function bundle(project, outDir) {
  return new Promise((resolve, reject) => {
    webpack({ mode: 'production', context: project.dir, entry: './main.js', output: { path: outDir } }, (err, stats) => {
      if (err) return reject(err);
      const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
      // webpack's performance hints (an asset over 244 KiB: the raw .wasm is about that) are
      // advice about size, not a build problem.
      const problems = warnings.map((w) => w.message).filter((m) => !/^(asset|entrypoint) size limit/.test(m));
      return resolve({ errors: errors.map((e) => e.message), warnings: problems });
    });
  });
}

describeIfChromium('webpack 5', () => {
  const peers = peersForSuite();

  test('with no configuration the page bundles (no node: import, no warning) and makes a verified TLS exchange in chromium', async () => {
    const project = peers.track(makeProject());
    const outDir = path.join(project.dir, 'dist');
    const { errors, warnings } = await bundle(project, outDir);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const output = describeOutput(outDir);
    expect(output.nodeImports).toEqual([]);
    expect(output.wasm).toHaveLength(2); // SIMD + scalar; never the WASI builds
    writeIndexHtml(outDir, './main.js', { classic: true });
    expect(await peers.open({ dir: outDir })).toEqual(VERIFIED_EXCHANGE);
    console.log(`webpack: ${output.summary}`);
  }, 90000);
});
