module.exports = {
  ...require('../jest.preset.cjs'),
  rootDir: __dirname,
  displayName: 'e2e',
  // Every service runs as its own process: flows take seconds, the mixed run minutes.
  testTimeout: 300_000,
  // The files share the broker (the outage drill restarts it): one at a time.
  maxWorkers: 1,
};
