// Runs in chromium, bundled by esbuild from the package's public entries: wasm-ssl/fetch
// through the bridge (one WebSocket per connection) and through Wisp (one WebSocket for all),
// verified against the test CA; its findings go to window.wasmSslReport.
import { load, WispSession } from 'wasm-ssl';
import { createFetch } from 'wasm-ssl/fetch';

const params = new URLSearchParams(location.search);
const origin = params.get('origin'); // https://localhost:PORT, served by the test on 127.0.0.1

async function exercise(fetch) {
  const hello = await fetch(`${origin}/hello`, { headers: { 'x-from': 'chromium' } });
  const gzip = await fetch(`${origin}/gzip`);
  const result = { status: hello.status, hello: await hello.text(), gzip: (await gzip.text()).length };
  const big = await fetch(`${origin}/big`);
  let bytes = 0;
  for (const reader = big.body.getReader(); ;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
  }
  result.bigBytes = bytes;
  return result;
}

async function run() {
  const ssl = await load({ wasmUrl: '/js/dist/wasm_ssl.wasm' });
  const cadata = new Uint8Array(await (await fetch('/certs/ca.der')).arrayBuffer());
  const report = {};
  const overBridge = createFetch({ ssl, cadata, connect: (host, port) =>
    new WebSocket(`${params.get('bridge')}?target=${encodeURIComponent(`127.0.0.1:${port}`)}`, ['binary']) });
  report.bridge = await exercise(overBridge);
  overBridge.close();

  const session = new WispSession(new WebSocket(params.get('wisp')));
  const overWisp = createFetch({ ssl, cadata, connect: (host, port) => session.connect('127.0.0.1', port) });
  report.wisp = await exercise(overWisp);
  overWisp.close();
  session.close();

  const untrusting = createFetch({ ssl, cadata: new Uint8Array(await (await fetch('/certs/rsa-ca.der')).arrayBuffer()),
    connect: (host, port) => new WebSocket(`${params.get('bridge')}?target=${encodeURIComponent(`127.0.0.1:${port}`)}`, ['binary']) });
  const err = await untrusting(`${origin}/hello`).catch((e) => e);
  report.wrongCa = { name: err.name, message: err.message, cause: err.cause?.code };
  return report;
}

run().then(
  (report) => { window.wasmSslReport = report; },
  (err) => { window.wasmSslReport = { error: `${err.name}: ${err.message} ${err.cause ?? ''}` }; },
);
