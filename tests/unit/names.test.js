// The module class's name, SSLModule as the class it loads into, and its earlier name SslModule
// still importable (deprecated) from both entries.
import * as node from '../../js/src/index.js';
import * as browser from '../../js/src/browser.js';

test.each([['node', node], ['browser', browser]])('the %s entry exports SSLModule and the SslModule alias', (_, entry) => {
  expect(entry.SSLModule.name).toBe('SSLModule');
  expect(entry.SslModule).toBe(entry.SSLModule);
});
