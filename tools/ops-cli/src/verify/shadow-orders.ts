import { Client } from 'pg';

/**
 * The orders odoo-adapter pinned to shadow mode (`order_modes`, see the adapter's shadow mode):
 * Odoo holds them as the old integration wrote them. Empty before the adapter's shadow migration.
 */
export async function readShadowOrders(adapterDatabaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: adapterDatabaseUrl, application_name: 'o2c-ops' });
  await client.connect();
  try {
    const exists = await client.query<{ ok: boolean }>(
      `select to_regclass('order_modes') is not null as ok`,
    );
    if (!exists.rows[0]?.ok) return [];
    const { rows } = await client.query<{ order_id: string }>(
      `select order_id from order_modes where mode = 'shadow'`,
    );
    return rows.map((r) => r.order_id);
  } finally {
    await client.end();
  }
}
