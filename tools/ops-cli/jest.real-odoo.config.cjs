// Checks against a real Odoo, run by hand only (never part of `npm test` or CI):
//   REAL_ODOO_URL=… REAL_ODOO_DB=… REAL_ODOO_USER=… REAL_ODOO_KEY=… \
//   npx jest -c tools/ops-cli/jest.real-odoo.config.cjs
module.exports = {
  ...require('../../jest.preset.cjs'),
  rootDir: __dirname,
  displayName: 'ops-cli (real Odoo)',
  testMatch: ['**/test/real-odoo/*.real-odoo.ts'],
};
