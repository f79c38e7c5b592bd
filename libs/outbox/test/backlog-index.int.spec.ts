import { createDb, runMigrations, type Db } from '@o2c/db';
import { createTestDatabase, type TestDatabase } from '@o2c/testing';
import { outboxMigrations } from '../src';
import { BACKLOG_QUERY } from '../src/relay-housekeeping';

describe('the relay backlog query', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase('outbox_backlog');
    db = createDb(database.url, { poolMax: 2 });
    await runMigrations(db, outboxMigrations);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  describe('when the table holds mostly published rows', () => {
    it('reads the backlog through the xid index from the window, not the published rows', async () => {
      await db.raw(
        `insert into outbox (event_id, topic, key, event_type, schema_version, payload, headers,
           aggregate_sequence, xid)
         select gen_random_uuid(), 't', 'k' || (i % 100), 'E', 1, '\\x00'::bytea, '{}'::jsonb, i,
           case when i <= 50000 then '1'::xid8 else pg_current_xact_id() end
         from generate_series(1, 50010) i`,
      );
      await db.raw('analyze outbox');

      const { rows } = await db.raw<{ rows: Array<{ 'QUERY PLAN': string }> }>(
        `explain ${BACKLOG_QUERY}`,
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');

      expect(plan).not.toMatch(/Seq Scan on outbox\s/);
      expect(plan.match(/using outbox_xid_idx/g)).toHaveLength(2);
      const [result] = (await db.raw<{ rows: Array<{ backlog: string }> }>(BACKLOG_QUERY)).rows;
      expect(result?.backlog).toBe('10');
    });
  });
});
