// The package's two entries (Node: src/index.js; bundled pages: src/browser.js) offer the same
// API, except what only Node has and the MicroPython integration, which bundled pages import
// from `wasm-ssl/micropython`.
const MICROPYTHON = ['installMicroPython', 'directSockets', 'workerSockets', 'serveWorkerSockets', 'tcpConnector', 'bridgeConnector'];

test('the browser entry exports what the Node entry does, but the MicroPython integration', async () => {
  const node = Object.keys(await import('../../js/src/index.js')).sort();
  const browser = Object.keys(await import('../../js/src/browser.js')).sort();
  expect(browser).toEqual(node.filter((name) => !MICROPYTHON.includes(name)));
});
