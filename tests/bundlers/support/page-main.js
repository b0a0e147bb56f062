// The minimal page every bundler builds: load the package by its name, connect through the
// bridge to openssl s_server with CERT_REQUIRED, exchange a line, and report to the test
// (window.wasmSslReport), including which .wasm files the page fetched.
import { load, CERT_REQUIRED } from 'wasm-ssl';
/* WASM_URL_IMPORT */

const params = new URLSearchParams(location.search);

async function run() {
  const ssl = await load(/* LOAD_OPTIONS */);
  const cadata = new Uint8Array(await (await fetch('/certs/ca.der')).arrayBuffer());
  const ws = new WebSocket(`${params.get('bridge')}?target=${encodeURIComponent(params.get('target'))}`, ['binary']);
  const s = await ssl.wrap_socket(ws, { cert_reqs: CERT_REQUIRED, cadata, server_hostname: 'localhost' });
  await s.write('hello from a bundle\n');
  const reply = new TextDecoder().decode(await s.readline());
  const report = { mbedtls: ssl.MBEDTLS_VERSION, version: s.version(), verified: s.verify_result().verified, reply };
  await s.close();
  return report;
}

run().then((report) => report, (err) => ({ error: `${err.name}: ${err.message}` })).then((report) => {
  // Bundlers rename the files (hashes): the test tells the builds apart by their size.
  report.wasmFetched = performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname.endsWith('.wasm')).map((e) => e.decodedBodySize);
  window.wasmSslReport = report;
});
