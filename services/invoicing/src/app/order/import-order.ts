import type { OrderImported } from '@o2c/contracts';
import type { Knex } from 'knex';
import { knownImport, saveImportedOrder } from '../../adapters/db/imported-order-repository';
import { lockOrder } from '../../adapters/db/order-lock';
import { decideImport } from '../../domain';

/**
 * OrderImported → the order recorded as Odoo holds it (lines and prices, what was delivered and
 * invoiced, the posted invoices), in the inbox transaction. Nothing is issued or published, and
 * shipments parked for the order stay uninvoiced: the path that wrote the order in Odoo bills it.
 * A second import (same order id, or same channelCode and channelOrderRef) changes nothing.
 */
export async function recordOrderImported(
  trx: Knex.Transaction,
  event: OrderImported,
): Promise<'imported' | 'duplicate'> {
  await lockOrder(trx, event.orderId);
  await lockOrder(trx, `import:${event.channelCode}:${event.channelOrderRef}`);
  const known = await knownImport(trx, event.orderId, event.channelCode, event.channelOrderRef);
  const decision = decideImport(event, known);
  if (decision.kind === 'duplicate') return 'duplicate';
  await saveImportedOrder(trx, decision.order);
  return 'imported';
}
