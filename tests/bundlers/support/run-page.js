// Serves a built page on 127.0.0.1 (plus the test CA at /certs/), opens it in headless
// chromium with the bridge and the s_server target in its query, and returns its report.
import { statSync } from 'node:fs';
import { certDir, distDir } from '../../support/paths.js';
import { startBridge } from '../../../js/src/bridge/index.js';
import { startOpenSslServer } from '../../support/openssl-server.js';
import { launchChromium, startStaticServer } from '../../support/browser.js';

/** openssl s_server, the bridge and chromium, shared by one test file. */
export async function startPeers() {
  const server = await startOpenSslServer({ cert: 'server' });
  const browser = await launchChromium();
  const bridges = [];
  return {
    server,
    /**
     * Opens `${origin}${path}` (origin: a server the caller runs, or dir served here) and
     * waits (bounded) for the page's report.
     */
    async open({ dir, origin, path = '/index.html' }) {
      const web = dir ? await startStaticServer({ '/certs/': `${certDir}/`, '/': `${dir}/` }) : null;
      const base = origin || `http://127.0.0.1:${web.address().port}`;
      const bridge = await startBridge({ allow: [`127.0.0.1:${server.port}`], log: () => {}, origins: [base] });
      bridges.push(bridge);
      const page = await browser.context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        const query = new URLSearchParams({ bridge: bridge.url(), target: `127.0.0.1:${server.port}` });
        await page.goto(`${base}${path}?${query}`, { timeout: 30000 });
        await page.waitForFunction(() => window.wasmSslReport !== undefined, null, { timeout: 30000 });
        return { ...(await page.evaluate(() => window.wasmSslReport)), pageErrors: errors };
      } finally {
        await page.close();
        if (web) {
          web.closeAllConnections(); // chromium keeps its keep-alive connections open
          await new Promise((r) => web.close(r));
        }
      }
    },
    async stop() {
      await browser.close();
      await Promise.all(bridges.map((b) => b.close()));
      await server.stop();
    },
  };
}

/**
 * For one describe block: the peers, started before its tests and stopped after them, and the
 * projects its tests made (through track()), removed after them.
 */
export function peersForSuite() {
  let peers;
  const projects = [];
  beforeAll(async () => { peers = await startPeers(); }, 60000);
  afterAll(async () => {
    if (peers) await peers.stop();
    for (const p of projects) p.remove();
  });
  return {
    open: (options) => peers.open(options),
    track(project) {
      projects.push(project);
      return project;
    },
  };
}

/** What a page that worked reports: it fetched one .wasm, the SIMD build. */
export const VERIFIED_EXCHANGE = {
  mbedtls: 'Mbed TLS 3.6.6', version: 'TLSv1.3', verified: true, reply: 'eldnub a morf olleh\n',
  wasmFetched: [statSync(`${distDir}/wasm_ssl.wasm`).size], pageErrors: [],
};

/** The same from a page that asked for the scalar build (load({ simd: false })): that one only. */
export const VERIFIED_EXCHANGE_SCALAR = { ...VERIFIED_EXCHANGE, wasmFetched: [statSync(`${distDir}/wasm_ssl_scalar.wasm`).size] };
