// Browser tests: Debian's chromium, headless, driven by playwright-core (no browser
// download), and a static server on 127.0.0.1 for the pages and what they load.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.py': 'text/x-python', '.der': 'application/octet-stream' };

/** describe() where chromium is installed, describe.skip elsewhere. */
export const describeIfChromium = existsSync(CHROMIUM) ? describe : describe.skip;

/**
 * Serves files under the given roots ({ '/url-prefix/': '/directory/' }) and nothing else,
 * with `headers` on every response.
 */
export function startStaticServer(roots, headers = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const prefix = Object.keys(roots).find((p) => url.pathname.startsWith(p));
    const file = prefix && path.normalize(roots[prefix] + url.pathname.slice(prefix.length));
    if (!file || !file.startsWith(roots[prefix]) || !existsSync(file)) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A fresh headless chromium profile; close() ends the browser and removes the profile. */
export async function launchChromium() {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'wasm-ssl-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
