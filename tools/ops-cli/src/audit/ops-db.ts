import {
  createDb,
  databaseUrlFor,
  ensureDatabase,
  runMigrations,
  type Db,
  type Migration,
} from '@o2c/db';

const migrations: Migration[] = [
  {
    name: '001_ops_audit',
    async up(db) {
      await db.schema.createTable('ops_audit', (t) => {
        t.bigIncrements('id');
        t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.timestamp('finished_at', { useTz: true });
        t.text('actor').notNullable();
        t.text('command').notNullable();
        t.jsonb('arguments').notNullable();
        // running → ok | failed; a row left 'running' is an action that was killed.
        t.text('result').notNullable();
        t.jsonb('counts');
        t.text('error');
        t.text('job_id');
      });
    },
  },
  {
    name: '002_ops_job',
    async up(db) {
      // The immutable plan of a replay or redrive; progress lives in Kafka (checkpoint group).
      await db.schema.createTable('ops_job', (t) => {
        t.text('id').primary();
        t.text('kind').notNullable();
        t.text('source_topic').notNullable();
        t.jsonb('plan').notNullable();
        t.text('actor').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.timestamp('completed_at', { useTz: true });
      });
    },
  },
];

/** The o2c_ops database (or OPS_DATABASE_URL), created and migrated on first use. */
export async function openOpsDb(url: string): Promise<Db> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await ensureDatabase(databaseUrlFor(url, 'postgres'), name);
  const db = createDb(url, { poolMax: 2, applicationName: 'o2c-ops' });
  try {
    await runMigrations(db, migrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}
