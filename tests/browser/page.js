// Runs in chromium: wasm-ssl over a browser WebSocket through the bridge to openssl s_server,
// with CERT_REQUIRED, then the same against a server with the wrong name. The outcome goes to
// window.wasmSslReport (and #output) for the test to read.
import { load } from '/js/src/index.js';

const params = new URLSearchParams(location.search);
const text = (bytes) => new TextDecoder().decode(bytes);

async function fetchBytes(path) {
  const response = await fetch(path);
  return new Uint8Array(await response.arrayBuffer());
}

function openSocket(target) {
  return new WebSocket(`${params.get('bridge')}?target=${encodeURIComponent(target)}`, ['binary']);
}

async function run() {
  const report = { userAgent: navigator.userAgent };
  const ssl = await load();
  const cadata = await fetchBytes('/certs/ca.der');
  report.mbedtls = ssl.MBEDTLS_VERSION;

  const s = await ssl.wrap_socket(openSocket(params.get('good')), {
    cert_reqs: ssl.CERT_REQUIRED, cadata, server_hostname: 'localhost' });
  report.version = s.version();
  report.cipher = s.cipher();
  report.peer = s.getpeercert();
  report.verify = s.verify_result();
  await s.write('hello from chromium\n');
  report.reply = text(await s.readline());
  // Enough bytes to cross several records and WebSocket frames. s_server -rev echoes them in
  // pieces, each reversed with a line end of its own: count the x's that come back.
  await s.write('x'.repeat(100000) + '\n');
  let echoed = 0;
  for (let i = 0; i < 1000 && echoed < 100000; i++) {
    const chunk = await s.read(65536);
    if (chunk.length === 0) break;
    echoed += text(chunk).split('x').length - 1;
  }
  report.bigEchoed = echoed;
  await s.close();

  try {
    await ssl.wrap_socket(openSocket(params.get('wrongHost')), {
      cert_reqs: ssl.CERT_REQUIRED, cadata, server_hostname: 'localhost' });
    report.wrongHost = 'connected (wrong!)';
  } catch (err) {
    report.wrongHost = { name: err.name, isOSError: err instanceof ssl.OSError, code: err.code, verifyErrors: err.verifyErrors };
  }
  return report;
}

run().then(
  (report) => { window.wasmSslReport = report; },
  (err) => { window.wasmSslReport = { error: `${err.name}: ${err.message}` }; },
).finally(() => {
  document.getElementById('output').textContent = JSON.stringify(window.wasmSslReport, null, 2);
});
