import type { OrderAccepted } from '@o2c/contracts';
import { saleOrderVals } from '../../domain/sale-order';
import { findSaleOrder, type OdooDeps } from '../odoo-deps';

/**
 * OrderAccepted → a confirmed sale.order. Looks the order up by our id before creating, so a
 * retry after a timeout (when the create may have committed) never makes a second one; confirms
 * only what is still a quotation.
 */
export async function syncSaleOrder(order: OrderAccepted, deps: OdooDeps) {
  const { odoo } = deps;
  let so = await findSaleOrder(odoo, order.orderId);
  let created = false;
  if (!so) {
    const { saleLineUomField } = await deps.profile();
    const vals = await deps.masterData.withMasterData((md) =>
      saleOrderVals(order, md, saleLineUomField),
    );
    await odoo.create('sale.order', vals);
    created = true;
    so = await findSaleOrder(odoo, order.orderId);
    if (!so) throw new Error(`sale order for ${order.orderId} not found right after creating it`);
  }
  const confirmed = so.state === 'draft' || so.state === 'sent';
  if (confirmed) await odoo.call('sale.order', 'action_confirm', { ids: [so.id] });
  return { saleOrderId: so.id, name: so.name, created, confirmed };
}
