import { simMasterData, waitFor } from '@o2c/testing';
import { Client } from 'pg';
import type { TestDatabase } from '@o2c/testing';

/** Where each consumer of odoo.master-data keeps products (SKU column `sku`). */
const PRODUCT_TABLES = { 'order-intake': 'master_skus', 'inventory-sync': 'catalogue_products' };

const seedSkus = simMasterData.flatMap((e) => (e.type === 'ProductChanged' ? [e.data.sku] : []));

async function countSkus(db: TestDatabase, table: string): Promise<number> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from ${table} where sku = any($1)`,
      [seedSkus],
    );
    return rows[0]?.n ?? 0;
  } catch {
    return 0; // not migrated yet
  } finally {
    await client.end();
  }
}

/**
 * Waits until the adapter's first sync of the simulator's seed reached order-intake and
 * inventory-sync (through odoo.master-data): before that, orders for seed SKUs are unknown.
 */
export async function masterDataSynced(dbs: Record<keyof typeof PRODUCT_TABLES, TestDatabase>) {
  for (const [service, table] of Object.entries(PRODUCT_TABLES)) {
    await waitFor(
      async () =>
        (await countSkus(dbs[service as keyof typeof PRODUCT_TABLES], table)) === seedSkus.length
          ? true
          : undefined,
      { timeoutMs: 60_000, intervalMs: 250, what: `the seed's master data in ${service}` },
    );
  }
}
