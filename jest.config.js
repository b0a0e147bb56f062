// Every JavaScript-driven test: the wasm artefacts, the npm package, MicroPython, interop,
// the browser. Run through `make test` (which builds what they load first).
export default {
  testEnvironment: 'node',
  transform: {},
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.js'],
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  testTimeout: 60000,
  maxWorkers: 2,
  // MicroPython-wasm leaves globals behind between files; they are not ours to clean.
  testEnvironmentOptions: { globalsCleanup: 'off' },
};
