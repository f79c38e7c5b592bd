import type { OrderImported } from '@o2c/contracts';
import type { Knex } from 'knex';
import {
  applyImportRefresh,
  knownImport,
  saveImportedOrder,
} from '../../adapters/db/imported-order-repository';
import { lockOrder } from '../../adapters/db/order-lock';
import { decideImport } from '../../domain';

/**
 * OrderImported → the order recorded as Odoo holds it (lines and prices, what was delivered and
 * invoiced, the posted invoices), in the inbox transaction. A later one of the same order with a
 * newer importedAt replaces Odoo's quantities and adds its new invoices (an older one changes
 * nothing); a contradicting one, or one for an order accepted through the platform, throws a
 * DomainError (dead letter). Nothing is issued or published, and shipments parked for the order
 * stay uninvoiced: the path that wrote the order in Odoo bills it. The same sale order under
 * another order id changes nothing.
 */
export async function recordOrderImported(
  trx: Knex.Transaction,
  event: OrderImported,
): Promise<'imported' | 'refreshed' | 'stale' | 'duplicate'> {
  await lockOrder(trx, event.orderId);
  await lockOrder(trx, `import:${event.channelCode}:${event.channelOrderRef}`);
  const known = await knownImport(trx, event.orderId, event.channelCode, event.channelOrderRef);
  const decision = decideImport(event, known);
  switch (decision.kind) {
    case 'record':
      await saveImportedOrder(trx, decision.order);
      return 'imported';
    case 'refresh':
      await applyImportRefresh(trx, decision.refresh);
      return 'refreshed';
    default:
      return decision.kind;
  }
}
