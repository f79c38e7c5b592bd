import { randomUUID } from 'node:crypto';
import { createDb, runMigrations } from '@o2c/db';
import { createTestDatabase, type TestDatabase } from '@o2c/testing';
import type { Knex } from 'knex';
import { migrations } from '../src/adapters/db/migrations';

const at = migrations.findIndex((m) => m.name === 'inventory_sync_004_imported_orders');

describe('migration inventory_sync_004_imported_orders', () => {
  let tdb: TestDatabase;
  let db: Knex;
  beforeAll(async () => {
    tdb = await createTestDatabase('inventory_mig');
    db = createDb(tdb.url);
  });
  afterAll(async () => {
    await db?.destroy();
    await tdb?.drop();
  });

  /** An order as round 1 stored it, seen through an event of `type`. */
  const seed = async (type: string, held: number, delivered: number) => {
    const orderId = randomUUID();
    const eventId = randomUUID();
    await db('inbox').insert({
      consumer_group: 'inventory-sync',
      event_id: eventId,
      event_type: type,
      topic: 'sales.orders',
      partition: 0,
      offset: 1,
    });
    await db('orders').insert({
      order_id: orderId,
      warehouse_code: 'WH',
      state: 'active',
      accepted_event_id: eventId,
    });
    for (const [state, quantity] of [
      ['open', held],
      ['consumed', delivered],
    ] as const) {
      const reservationId = randomUUID();
      await db('reservations').insert({
        reservation_id: reservationId,
        order_id: orderId,
        warehouse_code: 'WH',
        state,
      });
      await db('reservation_lines').insert({
        reservation_id: reservationId,
        line_no: 1,
        ordered_sku: 'SCRW-12',
        sku: 'SCRW-12',
        quantity,
        uom: 'DZ',
        base_quantity: quantity * 12,
        substituted: false,
      });
    }
    return orderId;
  };

  it('gives orders imported before it importedAt 0 and their lines from their reservations; platform orders stay not imported', async () => {
    await runMigrations(db, migrations.slice(0, at));
    const imported = await seed('OrderImported', 2, 1);
    const platform = await seed('OrderAccepted', 3, 0);
    await runMigrations(db, migrations.slice(0, at + 1));

    const orders = await db('orders').select('order_id', 'imported_at');
    expect(
      Object.fromEntries(orders.map((o: Record<string, unknown>) => [o.order_id, o.imported_at])),
    ).toEqual({
      [imported]: '0',
      [platform]: null,
    });
    expect(await db('imported_lines').select()).toEqual([
      {
        order_id: imported,
        line_no: 1,
        sku: 'SCRW-12',
        quantity: '3.000000',
        uom: 'DZ',
        unit_price_minor: null,
        delivered_quantity: '1.000000',
      },
    ]);
  });
});
