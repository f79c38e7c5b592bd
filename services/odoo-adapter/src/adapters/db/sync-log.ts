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
