// Browser tests: the real app on 127.0.0.1 driven by Debian's Chromium (playwright-core), with the
// e2e project's database/Redis global setup and environment.
const path = require('node:path');
const root = path.join(__dirname, '..', '..');
const e2e = require(path.join(root, 'jest.config.js')).projects.find(
  (p) => p.displayName === 'e2e',
);

module.exports = {
  rootDir: root,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  transform: e2e.transform,
  moduleNameMapper: e2e.moduleNameMapper,
  testEnvironment: 'node',
  globalSetup: e2e.globalSetup,
  globalTeardown: e2e.globalTeardown,
  setupFiles: e2e.setupFiles,
  testTimeout: 120000,
};
