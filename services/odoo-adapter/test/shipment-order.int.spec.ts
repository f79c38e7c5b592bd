import { createDb, runMigrations, type Db } from '@o2c/db';
import { createOdooClient, m2oId, type OdooClient } from '@o2c/odoo-client';
import { createTestDatabase, type TestDatabase } from '@o2c/testing';
import { DomainError } from '../src/domain/errors';
import { createShipmentLedger } from '../src/adapters/db/shipment-ledger';
import { migrations } from '../src/adapters/db/migrations';
import { createMasterDataCache } from '../src/adapters/odoo/master-data-cache';
import { createPricelistLookup } from '../src/adapters/odoo/pricelists';
import { detectProfile } from '../src/adapters/odoo/profile';
import { syncSaleOrder } from '../src/app/outbound/sync-sale-order';
import { validateShipment, type ShipmentDeps } from '../src/app/outbound/validate-shipment';
import { loadConfig } from '../src/config';
import { buildOrderAccepted, buildShipment } from './events';
import { startSimProcess } from './sim-process';

/**
 * The shipment use case on real Postgres (its ledger) and the simulator as a default Odoo 17
 * (no stock_delivery): a last shipment that overtakes an earlier one (the earlier failed and is
 * retried or redriven later) must not close the picking under it.
 */
describe('validateShipment when the last shipment arrives before an earlier one', () => {
  let sim: Awaited<ReturnType<typeof startSimProcess>>;
  let pg: TestDatabase;
  let db: Db;
  let odoo: OdooClient;
  let deps: ShipmentDeps;

  beforeAll(async () => {
    sim = await startSimProcess('17');
    pg = await createTestDatabase('adapter_ship');
    db = createDb(pg.url);
    await runMigrations(db, migrations);
    odoo = createOdooClient({
      url: sim.url,
      db: 'o2c',
      login: 'admin',
      apiKey: 'o2c-admin-key',
      transport: 'auto',
    });
    const config = loadConfig({
      O2C_ENV: 'development',
      DATABASE_URL: pg.url,
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    deps = {
      odoo,
      masterData: createMasterDataCache(odoo, { uomNames: config.ODOO_UOM_MAP, refreshMs: 60_000 }),
      profile: () => detectProfile(odoo),
      pricelistOf: createPricelistLookup(odoo, undefined, 1),
      companyId: 1,
      shipments: createShipmentLedger(db),
      skipSms: true,
    };
  });
  afterAll(async () => {
    await db?.destroy();
    await pg?.drop();
    await sim?.stop();
  });

  it('detects what a default Odoo 17 install lacks (stock_delivery) and has (stock_sms)', async () => {
    const profile = await detectProfile(odoo);
    expect(profile).toMatchObject({ major: 17, trackingRefField: false });
    expect([...(profile.installed ?? [])].sort()).toEqual([
      'account',
      'sale',
      'stock',
      'stock_sms',
    ]);
    expect(profile.missing).toEqual([expect.stringContaining('stock_delivery')]);
  });

  it('retries a shipment whose sale order is still a quotation (confirming failed), never dead-letters it', async () => {
    const order = buildOrderAccepted();
    await sim.control('POST', 'faults', {
      kind: 'http_500',
      model: 'sale.order',
      method: 'action_confirm',
      count: 1,
    });
    await expect(syncSaleOrder(order, deps)).rejects.toThrow();
    const shipment = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    const early = await validateShipment(shipment, deps).catch((e: unknown) => e as Error);
    expect(early).toBeInstanceOf(Error);
    expect(early).not.toBeInstanceOf(DomainError);
    expect((early as Error).message).toMatch(/not confirmed in Odoo yet/);

    expect(await syncSaleOrder(order, deps)).toMatchObject({ created: false, confirmed: true });
    expect(await validateShipment(shipment, deps)).toMatchObject({ alreadyDone: false });
    const lines = await odoo.searchRead(
      'sale.order.line',
      [['order_id.client_order_ref', '=', order.orderId]],
      { fields: ['qty_delivered'], order: 'id asc' },
    );
    expect(lines.map((l) => Number(l.qty_delivered))).toEqual([3, 1]);
  });

  it('defers the last shipment until the earlier one is in Odoo, then both land right', async () => {
    const order = buildOrderAccepted();
    await syncSaleOrder(order, deps);
    const earlier = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' }],
      false,
    );
    const last = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    // The earlier shipment's validation fails once (Odoo answers 500): it will be retried.
    await sim.control('POST', 'faults', {
      kind: 'http_500',
      model: 'stock.picking',
      method: 'button_validate',
      count: 1,
    });
    await expect(validateShipment(earlier, deps)).rejects.toThrow();
    await expect(validateShipment(last, deps)).rejects.toThrow(
      `last shipment ${last.shipmentId} of ${order.orderId} waits for ${earlier.shipmentId}`,
    );
    expect(await validateShipment(earlier, deps)).toMatchObject({ backorder: true });
    expect(await validateShipment(last, deps)).toMatchObject({ alreadyDone: false });

    const lines = await odoo.searchRead(
      'sale.order.line',
      [['order_id.client_order_ref', '=', order.orderId]],
      { fields: ['product_id', 'qty_delivered'], order: 'id asc' },
    );
    expect(lines.map((l) => Number(l.qty_delivered))).toEqual([3, 1]);
    const pickings = await odoo.searchRead(
      'stock.picking',
      [['sale_id.client_order_ref', '=', order.orderId]],
      { fields: ['state', 'backorder_id'], order: 'id asc' },
    );
    expect(pickings.map((p) => p.state)).toEqual(['done', 'done']);
    expect(m2oId(pickings[1]?.backorder_id as never)).toBe(pickings[0]?.id);
  });
});
