import { Client } from 'pg';
import { createDb, databaseUrlFor, ensureDatabase, runMigrations, type Migration } from '../src';

// libs/db cannot use @o2c/testing (which depends on it), so it manages its own database.
const adminUrl = process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `test_db_${Date.now()}_${process.pid}`;

const migrations: Migration[] = [
  {
    name: '001_things',
    up: (db) => db.schema.createTable('things', (t) => t.text('id').primary()),
  },
  {
    name: '002_thing_qty',
    up: (db) => db.schema.alterTable('things', (t) => t.integer('qty').notNullable().defaultTo(0)),
  },
];

describe('ensureDatabase and runMigrations', () => {
  afterAll(async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it('creates a database once, even when asked concurrently', async () => {
    const results = await Promise.all([
      ensureDatabase(adminUrl, name),
      ensureDatabase(adminUrl, name),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await ensureDatabase(adminUrl, name)).toBe(false);
  });

  it('applies pending migrations in order, once', async () => {
    const db = createDb(databaseUrlFor(adminUrl, name));
    try {
      expect(await runMigrations(db, migrations.slice(0, 1))).toEqual(['001_things']);
      expect(await runMigrations(db, migrations)).toEqual(['002_thing_qty']);
      expect(await runMigrations(db, migrations)).toEqual([]);
      await db('things').insert({ id: 'a' });
      expect(await db('things').first()).toEqual({ id: 'a', qty: 0 });
    } finally {
      await db.destroy();
    }
  });

  it('refuses unsafe database names', async () => {
    await expect(ensureDatabase(adminUrl, 'x"; drop')).rejects.toThrow(/unsafe database name/);
  });
});
