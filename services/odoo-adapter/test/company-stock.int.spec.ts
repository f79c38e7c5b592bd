import { createOdooClient, type OdooClient } from '@o2c/odoo-client';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { odooStockRouter } from '../src/adapters/http/odoo-stock-route';
import { createMasterDataCache } from '../src/adapters/odoo/master-data-cache';
import { createPricelistLookup } from '../src/adapters/odoo/pricelists';
import { detectProfile } from '../src/adapters/odoo/profile';
import { quantFeed } from '../src/app/inbound/quant-feed';
import type { OdooDeps } from '../src/app/odoo-deps';
import { loadConfig } from '../src/config';
import { startSimProcess } from './sim-process';

/** The quant feed reads Odoo only: no transaction of ours is needed. */
const noTrx = undefined as unknown as Knex.Transaction;

interface Row {
  sku: string;
  warehouseCode: string;
  quantityOnHand: number;
}

/**
 * One Odoo database, two companies: the adapter reads the stock of ODOO_COMPANY_ID only, for
 * reconciliation (GET /odoo/stock) and for the quant feed (StockQuantChanged).
 */
describe('stock of the configured company only (Odoo 17, a second company with its warehouse)', () => {
  let sim: Awaited<ReturnType<typeof startSimProcess>>;
  let odoo: OdooClient;
  let otherCompany: number;
  let otherStock: number;
  const deps = (companyId: number): OdooDeps => ({
    odoo,
    masterData: createMasterDataCache(odoo, {
      uomNames: loadConfig({
        O2C_ENV: 'development',
        DATABASE_URL: 'postgres://x/y',
        KAFKA_BROKERS: 'k:9092',
      }).ODOO_UOM_MAP,
      refreshMs: 60_000,
    }),
    profile: () => detectProfile(odoo),
    pricelistOf: createPricelistLookup(odoo, undefined, companyId),
    companyId,
  });

  beforeAll(async () => {
    sim = await startSimProcess('17');
    odoo = createOdooClient({
      url: sim.url,
      db: 'o2c',
      login: 'admin',
      apiKey: 'o2c-admin-key',
      transport: 'auto',
    });
    otherCompany = await odoo.create('res.company', {
      name: 'Other Co',
      currency_id: 1,
    });
    const view = await odoo.create('stock.location', {
      name: 'OC',
      usage: 'view',
      company_id: otherCompany,
    });
    otherStock = await odoo.create('stock.location', {
      name: 'Stock',
      usage: 'internal',
      location_id: view,
      company_id: otherCompany,
    });
    await odoo.create('stock.warehouse', {
      name: 'Other Co Warehouse',
      code: 'OC',
      company_id: otherCompany,
      view_location_id: view,
      lot_stock_id: otherStock,
    });
    await sim.control('POST', 'stock', { productId: 1, locationId: otherStock, quantity: 7 });
  });
  afterAll(() => sim?.stop());

  async function stockRows(companyId: number): Promise<Row[]> {
    // The router alone, behind a caller that holds its scope (authentication is the host's).
    const app = express()
      .use((_req, res, next) => {
        res.locals.caller = { client: 'inventory-sync', scopes: ['stock:read'] };
        next();
      })
      .use(odooStockRouter(deps(companyId)));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/odoo/stock`,
      );
      return (await res.json()) as Row[];
    } finally {
      server.close();
    }
  }

  it("GET /odoo/stock leaves out another company's warehouse, and shows only it for that company", async () => {
    const ours = await stockRows(1);
    expect(ours.filter((r) => r.warehouseCode === 'OC')).toEqual([]);
    expect(ours.find((r) => r.sku === 'FURN-001' && r.warehouseCode === 'WH')).toMatchObject({
      quantityOnHand: 60,
    });
    const theirs = await stockRows(otherCompany);
    expect(theirs.map((r) => [r.sku, r.warehouseCode, r.quantityOnHand])).toEqual([
      ['FURN-001', 'OC', 7],
    ]);
  });

  it("emits no StockQuantChanged for another company's quant", async () => {
    const changed = await odoo.searchRead('stock.quant', [['location_id', '=', otherStock]], {
      fields: [...quantFeed.fields, 'write_date'],
    });
    expect(changed).toHaveLength(1);
    expect(await quantFeed.toEvents(changed, deps(1), noTrx)).toEqual([]);
    const theirs = await quantFeed.toEvents(changed, deps(otherCompany), noTrx);
    expect(theirs.map((e) => e.data)).toEqual([
      expect.objectContaining({ sku: 'FURN-001', warehouseCode: 'OC', quantityOnHand: 7 }),
    ]);
  });
});
