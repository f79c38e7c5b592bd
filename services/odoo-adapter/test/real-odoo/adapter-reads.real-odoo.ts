import { createOdooClient } from '@o2c/odoo-client';
import { loadMasterData } from '../../src/adapters/odoo/master-data-cache';
import { detectProfile } from '../../src/adapters/odoo/profile';

/**
 * The adapter's read side against a real Odoo (a demo database with sale_management, stock and
 * account): version profile and master data. Only reads; run by jest.real-odoo.config.cjs.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see jest.real-odoo.config.cjs)`);
  return value;
}

const odoo = createOdooClient({
  url: required('REAL_ODOO_URL'),
  db: required('REAL_ODOO_DB'),
  login: required('REAL_ODOO_USER'),
  apiKey: required('REAL_ODOO_KEY'),
  transport: 'auto',
});

describe('the adapter against a real Odoo', () => {
  it('picks JSON-RPC and the field names of the running major version', async () => {
    const profile = await detectProfile(odoo);
    await expect(odoo.protocol()).resolves.toBe(profile.major >= 19 ? 'json2' : 'jsonrpc');
    expect(profile.major).toBeGreaterThanOrEqual(16);
    expect(profile.moveDoneVals(2)).toEqual(
      profile.major >= 17 ? { quantity: 2, picked: true } : { quantity_done: 2 },
    );
  });

  it('loads master data: products by SKU, the Units UoM, the WH warehouse', async () => {
    const md = await loadMasterData(odoo, new Map([['EA', 'Units']]));
    expect(md.products.size).toBeGreaterThan(0);
    expect(md.uoms.get('EA')).toEqual(expect.any(Number));
    expect(md.warehouses.get('WH')).toEqual(expect.any(Number));
  });
});
