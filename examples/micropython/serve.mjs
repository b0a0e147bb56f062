#!/usr/bin/env node
// Serves the browser example (examples/micropython/browser/) on 127.0.0.1 with what it needs:
//   - the headers that make the page cross-origin isolated, without which a browser has no
//     SharedArrayBuffer and a Worker's sockets cannot block:
//       Cross-Origin-Opener-Policy: same-origin
//       Cross-Origin-Embedder-Policy: require-corp
//   - the WebSocket→TCP bridge on /bridge, allowed to reach one local openssl s_server -www;
//   - the packages: /wasm-ssl/ (js/) and /micropython/ (MicroPython-wasm from node_modules).
// Run: node examples/micropython/serve.mjs, then open the URL it prints.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startBridge } from '../../js/src/bridge/index.js';
import { startLocalServer } from './local-server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const micropython = path.dirname(createRequire(import.meta.url).resolve('@micropython/micropython-webassembly-pyscript/package.json'));
const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.py': 'text/x-python', '.json': 'application/json' };

export async function startExample({ log = () => {} } = {}) {
  const tls = await startLocalServer();
  const files = {
    '/config.json': () => JSON.stringify({ bridge: '/bridge', port: tls.port }),
    '/ca.der': () => tls.caDer,
    '/snippets.mjs': () => readFileSync(`${here}snippets.mjs`),
  };
  const roots = { '/wasm-ssl/': path.join(here, '../../js/'), '/micropython/': `${micropython}/`, '/': `${here}browser/` };
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    const prefix = Object.keys(roots).find((p) => pathname.startsWith(p));
    const file = path.normalize(roots[prefix] + (pathname.slice(prefix.length) || 'index.html'));
    const found = files[pathname] || (file.startsWith(roots[prefix]) && existsSync(file) ? () => readFileSync(file) : null);
    if (!found) {
      res.writeHead(404, ISOLATION).end();
      return;
    }
    const type = TYPES[path.extname(files[pathname] ? pathname : file)] || 'application/octet-stream';
    res.writeHead(200, { ...ISOLATION, 'content-type': type });
    res.end(found());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const bridge = await startBridge({ server, path: '/bridge', log,
    allow: [`localhost:${tls.port}`, `127.0.0.1:${tls.port}`],
    origins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`] }); // the page it serves
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    async close() {
      await bridge.close();
      await new Promise((resolve) => server.close(resolve));
      await tls.stop();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const example = await startExample({ log: (line) => console.log(`bridge: ${line}`) });
  console.log(`open ${example.url} (Ctrl-C stops)`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => example.close().then(() => process.exit(0)));
}
