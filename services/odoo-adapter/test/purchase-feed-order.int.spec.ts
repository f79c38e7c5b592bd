import type { PurchaseReceiptValidated } from '@o2c/contracts';
import { createDb, runMigrations, type Db } from '@o2c/db';
import { createAvroSerde, createSchemaRegistry } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { createOdooClient } from '@o2c/odoo-client';
import { createOutbox } from '@o2c/outbox';
import { createTestDatabase, testInfra, type TestDatabase } from '@o2c/testing';
import { createPurchaseFeedLedger } from '../src/adapters/db/purchase-feed-ledger';
import { migrations } from '../src/adapters/db/migrations';
import { createMasterDataCache } from '../src/adapters/odoo/master-data-cache';
import { createPricelistLookup } from '../src/adapters/odoo/pricelists';
import { profileFor } from '../src/adapters/odoo/profile';
import { pollFeed } from '../src/app/inbound/poll-feed';
import { pollBills, type BillFeedDeps, type NotOurs } from '../src/app/purchase-feeds/bill-feed';
import { createReceiptFeed, receiptOutbox } from '../src/app/purchase-feeds/receipt-feed';
import { purchaseClerk } from './purchase-clerk';
import { startSimProcess } from './sim-process';

/** The feeds' steps run one by one (no timer) against Odoo 17: what each step may publish. */
describe('purchase feeds step by step (Odoo 17)', () => {
  let sim: Awaited<ReturnType<typeof startSimProcess>>;
  let pg: TestDatabase;
  let db: Db;
  let deps: BillFeedDeps;
  let serde: ReturnType<typeof createAvroSerde>;
  let clerk: ReturnType<typeof purchaseClerk>;

  beforeAll(async () => {
    sim = await startSimProcess('17');
    pg = await createTestDatabase('adapter_purchase_feeds');
    db = createDb(pg.url);
    await runMigrations(db, migrations);
    const odoo = createOdooClient({
      url: sim.url,
      db: 'o2c',
      login: 'admin',
      apiKey: 'o2c-admin-key',
      transport: 'auto',
    });
    serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
    deps = {
      odoo,
      db,
      outbox: createOutbox({ serde, service: 'odoo-adapter-test' }),
      topicPrefix: '',
      ledger: createPurchaseFeedLedger(db),
      logger: createLogger({ service: 'purchase-feeds-test', level: 'warn' }),
      masterData: createMasterDataCache(odoo, {
        uomNames: new Map([['EA', 'Units']]),
        refreshMs: 60_000,
      }),
      profile: () => Promise.resolve(profileFor(17)),
      pricelistOf: createPricelistLookup(odoo, undefined, 1),
      companyId: 1,
    };
    clerk = purchaseClerk(odoo);
  });
  afterAll(async () => {
    await db?.destroy();
    await pg?.drop();
    await sim?.stop();
  });

  const pollReceipts = () =>
    pollFeed(createReceiptFeed(deps.ledger), {
      ...deps,
      outbox: receiptOutbox(deps.outbox),
      overlapMs: 60_000,
    });
  const outboxOf = async (purchaseId: string) => {
    const rows: Array<{ event_type: string; payload: Buffer }> = await db('outbox')
      .where({ key: purchaseId })
      .orderBy('id')
      .select('event_type', 'payload');
    return Promise.all(
      rows.map(async (r) => ({ type: r.event_type, value: await serde.decode(r.payload) })),
    );
  };

  it('holds a bill back until the receipts done before it are published', async () => {
    const theirs = await clerk.order([['FURN-001', 1, 60]], `P-MANUAL-${Date.now()}`);
    await clerk.receive(theirs.id, { 'FURN-001': 1 });
    const theirBill = await clerk.bill(theirs.id);
    const po = await clerk.order([['FURN-001', 3, 60]]);
    await clerk.receive(po.id, { 'FURN-001': 3 });
    const bill = await clerk.bill(po.id);
    const notOurs: NotOurs = new Map();
    expect(await pollBills(deps, notOurs)).toBe(0);
    expect(await outboxOf(po.purchaseId)).toEqual([]);
    // The bill not ours is skipped while unchanged; ours, waiting for its receipt, is read again.
    expect([...notOurs.keys()]).toEqual([theirBill]);
    await pollReceipts();
    expect(await pollBills(deps, notOurs)).toBe(1);
    expect(await pollBills(deps, notOurs)).toBe(0);
    expect(notOurs.has(bill)).toBe(false);
    expect((await outboxOf(po.purchaseId)).map((e) => e.type)).toEqual([
      'PurchaseReceiptValidated',
      'VendorBillReceived',
    ]);
  });

  it('reports two receipts found in one poll each as of its validation, and each once', async () => {
    const po = await clerk.order([['FURN-002', 10, 180]]);
    const first = await clerk.receive(po.id, { 'FURN-002': 6 });
    await clerk.receive(po.id, { 'FURN-002': 4 });
    await pollReceipts();
    const reported = (await outboxOf(po.purchaseId)).map(
      (e) => e.value as PurchaseReceiptValidated,
    );
    expect(
      reported.map((r) => [r.backorder, r.lines[0]?.receivedTotal, r.lines[0]?.status]),
    ).toEqual([
      [true, 6, 'PARTIAL'],
      [false, 10, 'COMPLETE'],
    ]);
    // A done receipt written again (its name, here) is read again but not reported again.
    await deps.odoo.write('stock.picking', [first], { name: `${String(first)}-renamed` });
    await pollReceipts();
    const seen = await db('odoo_seen_changes').where({ model: 'stock.picking', record_id: first });
    expect(seen).toHaveLength(2);
    expect(await outboxOf(po.purchaseId)).toHaveLength(2);
  });
});
