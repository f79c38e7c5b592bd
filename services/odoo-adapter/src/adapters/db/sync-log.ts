import type { Knex } from 'knex';

/** What one consumed event did in Odoo (one row per event; a parked event's row is updated). */
export interface SyncEntry {
  eventId: string;
  eventType: string;
  orderId: string;
  model: string;
  id: number;
  action: string;
}

export async function recordSync(trx: Knex.Transaction, e: SyncEntry): Promise<void> {
  await trx('odoo_sync_log')
    .insert({
      event_id: e.eventId,
      event_type: e.eventType,
      order_id: e.orderId,
      odoo_model: e.model,
      odoo_id: e.id,
      action: e.action,
    })
    .onConflict('event_id')
    .merge(['odoo_model', 'odoo_id', 'action', 'synced_at']);
}

/**
 * The platform order each sale order (of these ids) was written for: the adapter's own
 * OrderAccepted sync, in one query. A sale order absent here was written by someone else.
 */
export async function platformOrderIdsBySaleOrder(
  db: Knex,
  saleOrderIds: readonly number[],
): Promise<Map<number, string>> {
  if (saleOrderIds.length === 0) return new Map();
  const rows: Array<{ order_id: string; odoo_id: number }> = await db('odoo_sync_log')
    .where({ event_type: 'OrderAccepted', odoo_model: 'sale.order' })
    .whereIn('odoo_id', [...new Set(saleOrderIds)])
    .select('order_id', 'odoo_id');
  return new Map(rows.map((r) => [r.odoo_id, r.order_id]));
}
