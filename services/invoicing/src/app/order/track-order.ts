import type { OrderAccepted, OrderCancelled } from '@o2c/contracts';
import type { Logger } from '@o2c/observability';
import type { Knex } from 'knex';
import { lockOrder } from '../../adapters/db/order-lock';
import { loadOrder, markCancelled, saveOrder } from '../../adapters/db/order-repository';
import { uninvoicedShipments } from '../../adapters/db/shipment-repository';
import { DomainError } from '../../domain';
import { issueInvoice } from '../invoice/invoice-shipment';
import type { Cause, InvoicingDeps } from '../invoicing-deps';

/**
 * Keeps the accepted order's lines and prices, then invoices the shipments that arrived before
 * it. A parked shipment the order refuses (a line it does not have) is left uninvoiced and
 * logged, not thrown: dead-lettering the OrderAccepted would lose the whole order. /admin/verify
 * reports that shipment (INVOICED_NE_SHIPPED).
 */
export async function recordOrderAccepted(
  trx: Knex.Transaction,
  event: OrderAccepted,
  deps: InvoicingDeps,
  { logger }: { logger: Logger },
): Promise<number> {
  await lockOrder(trx, event.orderId);
  if (!(await saveOrder(trx, event))) return 0;
  const order = (await loadOrder(trx, event.orderId))!;
  let invoiced = 0;
  for (const { shipment, dispatchEventId } of await uninvoicedShipments(trx, order.orderId)) {
    const cause: Cause = dispatchEventId ? { causationId: dispatchEventId } : {};
    try {
      await trx.transaction((inner) => issueInvoice(inner, order, shipment, deps, cause));
      invoiced++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.error({ err: error, shipmentId: shipment.shipmentId }, 'parked shipment not invoiced');
    }
  }
  return invoiced;
}

/**
 * A cancellation is only recorded: shipments already dispatched stay invoiced (the goods are
 * gone) and the report flags them.
 */
export const recordOrderCancelled = (trx: Knex.Transaction, event: OrderCancelled) =>
  markCancelled(trx, event);
