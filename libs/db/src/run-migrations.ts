import type { Knex } from 'knex';

/** A migration is code, listed explicitly (no directory scanning), so bundles and tests see the same set. */
export interface Migration {
  name: string;
  up(db: Knex): Promise<void>;
  down?(db: Knex): Promise<void>;
}

/** Applies pending migrations in list order; knex's lock table makes concurrent runs safe. */
export async function runMigrations(db: Knex, migrations: readonly Migration[]): Promise<string[]> {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const source: Knex.MigrationSource<Migration> = {
    getMigrations: () => Promise.resolve([...migrations]),
    getMigrationName: (m) => m.name,
    getMigration: (m) => {
      const found = byName.get(m.name) ?? m;
      return Promise.resolve({
        up: (k: Knex) => found.up(k),
        down: (k: Knex) => found.down?.(k) ?? Promise.resolve(),
      });
    },
  };
  const [, applied] = (await db.migrate.latest({ migrationSource: source })) as [number, string[]];
  return applied;
}
