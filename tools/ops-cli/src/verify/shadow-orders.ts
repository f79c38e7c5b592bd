import { Client } from 'pg';

/** What verify needs from odoo-adapter's database about how it handles each order. */
export interface AdapterPins {
  /**
   * The orders pinned to shadow mode (`order_modes`, see the adapter's shadow mode): Odoo holds
   * them as the old integration wrote them. Empty before the adapter's shadow migration.
   */
  shadow: string[];
  /** The orders o2c-ops bootstrap imported (`imported_orders`), a subset of the shadow ones. */
  imported: string[];
}

export async function readAdapterPins(adapterDatabaseUrl: string): Promise<AdapterPins> {
  const client = new Client({ connectionString: adapterDatabaseUrl, application_name: 'o2c-ops' });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ modes: boolean; imported: boolean }>(
      `select to_regclass('order_modes') is not null as modes,
              to_regclass('imported_orders') is not null as imported`,
    );
    const ids = async (exists: boolean | undefined, sql: string) =>
      exists ? (await client.query<{ order_id: string }>(sql)).rows.map((r) => r.order_id) : [];
    return {
      shadow: await ids(tables[0]?.modes, `select order_id from order_modes where mode = 'shadow'`),
      imported: await ids(tables[0]?.imported, `select order_id from imported_orders`),
    };
  } finally {
    await client.end();
  }
}
