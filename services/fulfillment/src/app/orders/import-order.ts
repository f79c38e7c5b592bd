import type { OrderImported } from '@o2c/contracts';
import type { Knex } from 'knex';
import { insertImportedOrder } from '../../adapters/db/import-repository';
import { lockOrderKey } from '../../adapters/db/order-repository';
import { decideImport } from '../../domain';

/**
 * OrderImported: the order as Odoo holds it, with no saga (no shipment, no FulfillmentRequested).
 * Reservation events parked for it are dropped: none of them may start a shipment.
 */
export async function importOrder(
  trx: Knex.Transaction,
  event: OrderImported,
): Promise<{ outcome: 'imported' | 'duplicate'; dropped: number }> {
  await lockOrderKey(trx, event.orderId);
  const outcome = await insertImportedOrder(trx, decideImport(event), new Date(event.importedAt));
  if (outcome === 'duplicate') return { outcome, dropped: 0 };
  const dropped = await trx('parked_events').where({ order_id: event.orderId }).delete();
  return { outcome, dropped };
}
