import type { Knex } from 'knex';

/**
 * Serialises, until the transaction ends, everything that invoices one order. Without it a
 * shipment and its order handled at once on two partitions could each miss the other's
 * uncommitted row: the shipment parked for an order that never looks for it again.
 */
export async function lockOrder(trx: Knex.Transaction, orderId: string): Promise<void> {
  await trx.raw("select pg_advisory_xact_lock(hashtextextended('invoicing:' || ?, 0))", [orderId]);
}
