import type { OrderImported } from '@o2c/contracts';
import type { HandlerContext } from '@o2c/inbox';
import { linkImportedOrder } from '../../adapters/db/imported-orders';
import { pinOrder } from '../../adapters/db/shadow-ledger';

/**
 * OrderImported: bootstrap read the sale order in Odoo, so nothing is read or written there. The
 * order is pinned to shadow whatever its channel's mode (the path that wrote the sale order
 * finishes it) and linked to its sale order, in the consumer's transaction. No shadow check:
 * Odoo is the source, there is nothing to compare. A duplicate changes nothing (a pin never
 * changes; the link is kept as first recorded).
 */
export async function importOrder(order: OrderImported, ctx: HandlerContext): Promise<void> {
  const pin = await pinOrder(ctx.trx, {
    orderId: order.orderId,
    channelCode: order.channelCode,
    channelOrderRef: order.channelOrderRef,
    mode: 'shadow',
    importedSaleOrderId: order.odooSaleOrderId,
  });
  const linked = await linkImportedOrder(ctx.trx, {
    orderId: order.orderId,
    channelCode: order.channelCode,
    saleOrderId: order.odooSaleOrderId,
    saleOrderName: order.odooSaleOrderName,
    clientOrderRef: order.odooClientOrderRef,
    importedAt: new Date(order.importedAt),
  });
  const log = { orderId: order.orderId, saleOrder: order.odooSaleOrderName, mode: pin.mode };
  // Only an order already pinned before its import (never expected) could hold another mode.
  if (pin.mode !== 'shadow')
    ctx.logger.error(log, 'imported order was already pinned live: its pin is kept');
  else if (linked) ctx.logger.info(log, 'imported order linked to its sale order; never written');
}
