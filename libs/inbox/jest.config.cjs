// The slow tests here mostly wait (group session timeouts, child processes), not compute:
// two files at a time halves the wall time without loading the machine much more.
module.exports = {
  ...require('../../jest.preset.cjs'),
  rootDir: __dirname,
  displayName: 'inbox',
  maxWorkers: 2,
};
