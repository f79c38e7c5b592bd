import { createDb, runMigrations } from '@o2c/db';
import { createTestDatabase, type TestDatabase } from '@o2c/testing';
import type { Knex } from 'knex';
import { lockPositions } from '../src/adapters/db/position-repository';
import { migrations } from '../src/adapters/db/migrations';

const wanted = (...skus: string[]) =>
  skus.map((sku) => ({ sku, warehouseCode: 'WH', uom: 'Units' }));

describe('lockPositions', () => {
  let database: TestDatabase;
  let db: Knex;

  beforeAll(async () => {
    database = await createTestDatabase('positions');
    db = createDb(database.url, { poolMax: 4 });
    await runMigrations(db, migrations);
    await db('positions').insert([
      { sku: 'A', warehouse_code: 'WH', uom: 'Units', on_hand: 7 },
      { sku: 'C', warehouse_code: 'WH', uom: 'Units', on_hand: 3 },
    ]);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('returns existing positions and creates the missing ones, each once', async () => {
    const got = await db.transaction((trx) => lockPositions(trx, wanted('C', 'B', 'A', 'B')));
    expect([...got.values()].map((p) => [p.sku, p.onHand])).toEqual([
      ['A', 7],
      ['C', 3],
      ['B', 0],
    ]);
    const rows = await db('positions').orderBy('sku').pluck('sku');
    expect(rows).toEqual(['A', 'B', 'C']);
  });

  it('holds the lock of each existing position until the transaction ends, on both paths', async () => {
    // D is new: its row is invisible to others until commit, so only A's and C's locks are seen.
    const cases: Array<[string[], string[]]> = [
      [
        ['A', 'C'],
        ['A', 'C'],
      ],
      [['A', 'D'], ['A']],
    ];
    for (const [skus, existing] of cases) {
      const trx = await db.transaction();
      try {
        await lockPositions(trx, wanted(...skus));
        for (const sku of existing) {
          const locked = db.raw(`select 1 from positions where sku = ? for update nowait`, [sku]);
          await expect(locked).rejects.toMatchObject({ code: '55P03' });
        }
      } finally {
        await trx.rollback();
      }
    }
    await expect(db.raw(`select 1 from positions for update nowait`)).resolves.toBeDefined();
  });
});
