import { createDb, runMigrations, type Db } from '@o2c/db';
import { createAvroSerde, createSchemaRegistry } from '@o2c/kafka';
import { createOdooClient, type OdooClient } from '@o2c/odoo-client';
import { createOutbox, eventFor } from '@o2c/outbox';
import { createTestDatabase, testInfra, type TestDatabase } from '@o2c/testing';
import { migrations } from '../src/adapters/db/migrations';
import { createMasterDataCache } from '../src/adapters/odoo/master-data-cache';
import { createPricelistLookup } from '../src/adapters/odoo/pricelists';
import { profileFor } from '../src/adapters/odoo/profile';
import type { ChangeFeed } from '../src/app/inbound/change-feed';
import { pollFeed, type PollDeps } from '../src/app/inbound/poll-feed';
import { startSimProcess } from './sim-process';

type Sim = Awaited<ReturnType<typeof startSimProcess>>;

/** Partners named "<tag> n": a feed of its own per test, so tests do not see each other's. */
const partnerFeed = (tag: string): ChangeFeed => ({
  model: 'res.partner',
  domain: [['name', '=like', `${tag} %`]],
  fields: ['name'],
  toEvents: () => Promise.resolve([]),
});

/**
 * The client the poll uses, counting its reads (a poll that loops fails the test instead of
 * hanging it) and running `during(n)` after the n-th read: records written while it polls.
 */
function observed(odoo: OdooClient, during: (read: number) => Promise<void> = async () => {}) {
  let reads = 0;
  const client: OdooClient = {
    ...odoo,
    protocol: () => odoo.protocol(),
    searchRead: async (...args: Parameters<OdooClient['searchRead']>) => {
      if (++reads > 40) throw new Error('the poll keeps reading: it loops');
      const page = await odoo.searchRead(...args);
      await during(reads);
      return page as never;
    },
  } as OdooClient;
  return { client, reads: () => reads };
}

/** Partners named "<tag> n" reported as warehouses: events that carry their write_date. */
const reportingFeed = (tag: string): ChangeFeed => ({
  ...partnerFeed(tag),
  toEvents: (records) =>
    Promise.resolve(
      records.map((r) =>
        eventFor(
          'WarehouseChanged',
          {
            entityKey: `warehouse:${r.id}`,
            code: String(r.id),
            odooWarehouseId: String(r.id),
            name: String(r.name),
            sequence: 10,
            active: true,
            odooWriteDate: Date.parse(`${String(r.write_date).replace(' ', 'T')}Z`),
          },
          { correlationId: `warehouse:${r.id}` },
        ),
      ),
    ),
});

describe('pollFeed against Odoo 17 (write_date stored below the second, read in seconds)', () => {
  let sim: Sim;
  let pg: TestDatabase;
  let db: Db;
  let odoo: OdooClient;
  let deps: Omit<PollDeps, 'odoo'>;

  beforeAll(async () => {
    sim = await startSimProcess('17');
    pg = await createTestDatabase('adapter_poll');
    db = createDb(pg.url);
    await runMigrations(db, migrations);
    odoo = createOdooClient({
      url: sim.url,
      db: 'o2c',
      login: 'admin',
      apiKey: 'o2c-admin-key',
      transport: 'auto',
    });
    const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
    deps = {
      db,
      outbox: createOutbox({ serde, service: 'odoo-adapter-test' }),
      topicPrefix: '',
      overlapMs: 60_000,
      pageSize: 3,
      masterData: createMasterDataCache(odoo, { uomNames: new Map(), refreshMs: 60_000 }),
      profile: () => Promise.resolve(profileFor(17)),
      pricelistOf: createPricelistLookup(odoo, undefined, 1),
      companyId: 1,
    };
  });
  afterAll(async () => {
    await db?.destroy();
    await pg?.drop();
    await sim?.stop();
  });

  const createPartners = (tag: string, from: number, count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        odoo.create('res.partner', { name: `${tag} ${from + i}` }),
      ),
    );
  const seenIds = async () =>
    (await db('odoo_seen_changes').where({ model: 'res.partner' }).select('record_id')).map(
      (r: { record_id: number }) => r.record_id,
    );

  it('reads every record once when more than a page share one second, and stops', async () => {
    await sim.control('POST', 'clock', { freeze: '2031-03-04 05:06:07' });
    const ids = await createPartners('Same-second', 0, 8); // 8 transactions, one second, page 3
    const { client, reads } = observed(odoo);
    const emitted = await pollFeed(partnerFeed('Same-second'), { ...deps, odoo: client });
    expect(emitted).toBe(8);
    expect((await seenIds()).sort((a, b) => a - b)).toEqual(ids.sort((a, b) => a - b));
    expect(reads()).toBeLessThanOrEqual(6);
    expect(await pollFeed(partnerFeed('Same-second'), { ...deps, odoo: client })).toBe(0);
  });

  it('neither skips nor loops when records are written during the poll, in that second and later', async () => {
    await db('odoo_poll_cursors').delete();
    await db('odoo_seen_changes').delete();
    await sim.control('POST', 'clock', { freeze: '2031-03-04 06:00:00' });
    const before = await createPartners('During', 0, 7);
    const written: number[] = [];
    const { client } = observed(odoo, async (read) => {
      if (read === 1) written.push(...(await createPartners('During', 100, 4)));
      if (read === 3) {
        await sim.control('POST', 'clock', { advanceSeconds: 1 });
        written.push(...(await createPartners('During', 200, 5)));
        // and one record of the drained second changes again (its write_date moves on)
        await odoo.write('res.partner', [before[0]!], { phone: '+31 20 000 0000' });
      }
    });
    const feed = partnerFeed('During');
    const first = await pollFeed(feed, { ...deps, odoo: client });
    const second = await pollFeed(feed, { ...deps, odoo: client });
    const all = [...before, ...written];
    expect(new Set(await seenIds())).toEqual(new Set(all));
    // Every record once, and the one written again a second later once more (a new change).
    expect(first + second).toBe(all.length + 1);
    expect(await pollFeed(feed, { ...deps, odoo: client })).toBe(0);
  });

  it('times each change from its write_date to its event, except in the initial sync', async () => {
    await db('odoo_poll_cursors').delete();
    await db('odoo_seen_changes').delete();
    await sim.control('POST', 'clock', { freeze: '2024-05-06 07:08:09' });
    await createPartners('Timed', 0, 2);
    const delays: Array<[string, number]> = [];
    const timed = {
      ...deps,
      odoo,
      onSynced: (model: string, s: number) => delays.push([model, s]),
    };
    const feed = reportingFeed('Timed');
    expect(await pollFeed(feed, timed)).toBe(2);
    expect(delays).toEqual([]);
    await sim.control('POST', 'clock', { freeze: '2024-05-06 07:08:10' });
    await createPartners('Timed', 100, 1);
    expect(await pollFeed(feed, timed)).toBe(1);
    const since = (Date.now() - Date.parse('2024-05-06T07:08:10Z')) / 1000;
    expect(delays).toEqual([['res.partner', expect.closeTo(since, -1) as unknown]]);
  });
});
