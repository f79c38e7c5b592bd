import type { OrderImported } from '@o2c/contracts';
import type { Knex } from 'knex';
import {
  findAppliedImport,
  insertImportedOrder,
  updateImportedOrder,
} from '../../adapters/db/import-repository';
import { findOrder, lockOrderKey, touchOrder } from '../../adapters/db/order-repository';
import { DomainError, decideImport, decideRefresh } from '../../domain';

export type ImportOutcome = 'imported' | 'refreshed' | 'stale' | 'duplicate';

/**
 * OrderImported: the order as Odoo holds it, with no saga (no shipment, no FulfillmentRequested).
 * The first one of an order creates it and drops the reservation events parked for it (none of
 * them may start a shipment); a later, newer one refreshes it. Throws a DomainError for an order
 * accepted through the platform and for a refresh that changes lines or lowers a quantity.
 */
export async function importOrder(
  trx: Knex.Transaction,
  event: OrderImported,
): Promise<{ outcome: ImportOutcome; dropped: number }> {
  await lockOrderKey(trx, event.orderId);
  const applied = await findAppliedImport(trx, event.orderId);
  const importedAt = new Date(event.importedAt);
  if (applied) {
    const decision = decideRefresh(applied, event);
    if (decision.kind === 'stale') return { outcome: 'stale', dropped: 0 };
    await updateImportedOrder(trx, decision.order, importedAt);
    await touchOrder(trx, event.orderId);
    return { outcome: 'refreshed', dropped: 0 };
  }
  if (await findOrder(trx, event.orderId))
    throw new DomainError(
      'NOT_IMPORTED',
      `order ${event.orderId} was accepted through the platform, not imported: OrderImported (${event.channelCode}/${event.channelOrderRef}) refused`,
    );
  const outcome = await insertImportedOrder(trx, decideImport(event), importedAt);
  if (outcome === 'duplicate') return { outcome, dropped: 0 };
  const dropped = await trx('parked_events').where({ order_id: event.orderId }).delete();
  return { outcome, dropped };
}
