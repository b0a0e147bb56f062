// The package's two entries (Node: src/index.js; bundled pages: src/browser.js) offer the same
// API; the MicroPython integration is only under its own subpath, `wasm-ssl/micropython`.
test('the browser entry exports what the Node entry does, and neither the MicroPython integration', async () => {
  const node = Object.keys(await import('../../js/src/index.js')).sort();
  const browser = Object.keys(await import('../../js/src/browser.js')).sort();
  expect(browser).toEqual(node);
  expect(node).not.toContain('installMicroPython');
  const micropython = Object.keys(await import('../../js/src/micropython/index.js'));
  expect(micropython).toContain('installMicroPython');
});
