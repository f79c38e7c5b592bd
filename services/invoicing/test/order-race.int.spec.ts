import { randomUUID } from 'node:crypto';
import { createDb, runMigrations, type Db } from '@o2c/db';
import { createAvroSerde, createSchemaRegistry } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { createOutbox } from '@o2c/outbox';
import { createTestDatabase, testInfra, waitFor, type TestDatabase } from '@o2c/testing';
import { migrations } from '../src/adapters/db/migrations';
import { invoiceShipment } from '../src/app/invoice/invoice-shipment';
import type { InvoicingDeps } from '../src/app/invoicing-deps';
import { recordOrderAccepted } from '../src/app/order/track-order';
import { buildDispatched, buildOrderAccepted } from './events';

describe('a shipment and its order handled at the same time on two partitions', () => {
  let database: TestDatabase;
  let db: Db;
  const logger = createLogger({ service: 'invoicing-test', level: 'silent' });
  const deps: InvoicingDeps = {
    outbox: createOutbox({
      serde: createAvroSerde(createSchemaRegistry(testInfra.registryUrl)),
      service: 'invoicing',
    }),
    topicPrefix: 'race.',
    taxRateBps: 0,
    paymentTermsDays: 30,
    vendorBillTolerancePercent: 2,
    now: Date.now,
    newId: randomUUID,
  };
  beforeAll(async () => {
    database = await createTestDatabase('invoicing_race');
    db = createDb(database.url);
    await runMigrations(db, migrations);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('invoices the shipment exactly once: the order waits for the shipment’s transaction', async () => {
    const order = buildOrderAccepted();
    const shipment = buildDispatched(order.orderId, [[1, 'FURN-001', 2]]);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let parked!: () => void;
    const shipmentParked = new Promise<void>((r) => (parked = r));

    const first = db.transaction(async (trx) => {
      const r = await invoiceShipment(trx, shipment, deps, {});
      parked();
      await held; // still uncommitted while the order is handled
      return r;
    });
    await shipmentParked;
    let secondDone = false;
    const second = db
      .transaction((trx) => recordOrderAccepted(trx, order, deps, { logger }))
      .finally(() => (secondDone = true));
    // The order's transaction has either finished or is queued behind the shipment's lock.
    await waitFor(
      async () => {
        const { rows } = await db.raw<{ rows: Array<{ n: number }> }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return secondDone || (rows[0]?.n ?? 0) > 0;
      },
      { what: 'the order transaction blocked or done' },
    );
    release();

    expect((await first).outcome).toBe('awaiting-order');
    expect(await second).toBe(1);
    const invoices = await db('invoices').where({ shipment_id: shipment.shipmentId });
    expect(invoices).toHaveLength(1);
  });
});
