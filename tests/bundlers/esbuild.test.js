// esbuild (`--bundle --platform=browser --format=esm`, its CLI's defaults otherwise): the page
// bundles with no error and no node: import. esbuild does not follow
// `new URL('…', import.meta.url)`, so the .wasm needs its one documented line: `--loader:.wasm=file`
// and the file's URL imported and passed as load({ wasmUrl }).
import { build } from 'esbuild';
import path from 'node:path';
import { describeIfChromium } from '../support/browser.js';
import { describeOutput, makeProject, writeIndexHtml } from './support/project.js';
import { peersForSuite, VERIFIED_EXCHANGE } from './support/run-page.js';

async function esbuild(project, extra = {}) {
  const outdir = path.join(project.dir, 'out');
  const result = await build({ entryPoints: [path.join(project.dir, 'main.js')], absWorkingDir: project.dir,
    bundle: true, platform: 'browser', format: 'esm', outdir, logLevel: 'silent', ...extra });
  writeIndexHtml(outdir, './main.js');
  return { outdir, warnings: result.warnings, output: describeOutput(outdir) };
}

describeIfChromium('esbuild', () => {
  const peers = peersForSuite();

  test('with no configuration the page bundles (no node: import, no warning); without the .wasm it says what to do', async () => {
    const project = peers.track(makeProject());
    const { outdir, warnings, output } = await esbuild(project);
    expect(warnings).toEqual([]);
    expect(output.nodeImports).toEqual([]);
    const report = await peers.open({ dir: outdir });
    expect(report.error).toMatch(/cannot load .*wasm_ssl\.wasm: HTTP 404 .*load\(\{ wasmUrl \}\)/);
    console.log(`esbuild, no configuration: ${output.summary}`);
  }, 60000);

  test('with --loader:.wasm=file and load({ wasmUrl }) the page makes a verified TLS exchange in chromium', async () => {
    const project = peers.track(makeProject({ wasmUrlImport: "import wasmUrl from 'wasm-ssl/dist/wasm_ssl.wasm';",
      loadOptions: '{ wasmUrl }' }));
    const { outdir, warnings, output } = await esbuild(project, { loader: { '.wasm': 'file' } });
    expect(warnings).toEqual([]);
    expect(output.nodeImports).toEqual([]);
    expect(output.wasm).toHaveLength(1);
    expect(await peers.open({ dir: outdir })).toEqual(VERIFIED_EXCHANGE);
    console.log(`esbuild, --loader:.wasm=file: ${output.summary}`);
  }, 60000);
});
