import { databaseUrlFor, ensureDatabase } from '@o2c/db';
import { Client } from 'pg';
import { testInfra, uniqueName } from './test-infra';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file; `drop()` removes it (and kicks its sessions). */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const name = uniqueName(prefix).replaceAll('-', '_');
  await ensureDatabase(testInfra.postgresAdminUrl, name);
  return {
    name,
    url: databaseUrlFor(testInfra.postgresAdminUrl, name),
    async drop() {
      const admin = new Client({ connectionString: testInfra.postgresAdminUrl });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
