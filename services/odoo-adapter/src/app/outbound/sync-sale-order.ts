import type { OrderAccepted } from '@o2c/contracts';
import { m2oName } from '@o2c/odoo-client';
import { DomainError } from '../../domain/errors';
import { saleOrderVals } from '../../domain/sale-order';
import { findSaleOrder, type OdooDeps } from '../odoo-deps';

/**
 * OrderAccepted → a confirmed sale.order in the order's currency. Looks the order up by our id
 * before creating, so a retry after a timeout (when the create may have committed) never makes a
 * second one; confirms only what is still a quotation, and only in the order's currency.
 */
export async function syncSaleOrder(order: OrderAccepted, deps: OdooDeps) {
  const { odoo } = deps;
  let so = await findSaleOrder(odoo, order.orderId, ['currency_id']);
  let created = false;
  if (!so) {
    const { saleLineUomField } = await deps.profile();
    const pricelistId = await deps.pricelistOf(order.currency);
    const vals = await deps.masterData.withMasterData((md) =>
      saleOrderVals(order, md, saleLineUomField, pricelistId),
    );
    await odoo.create('sale.order', vals);
    created = true;
    so = await findSaleOrder(odoo, order.orderId, ['currency_id']);
    if (!so) throw new Error(`sale order for ${order.orderId} not found right after creating it`);
  }
  const confirmed = so.state === 'draft' || so.state === 'sent';
  if (confirmed) {
    // A pricelist mapped to the wrong currency (configuration) must not confirm wrong money.
    const currency = m2oName(so.currency_id as never);
    if (currency !== order.currency)
      throw new DomainError(
        'ODOO_CURRENCY_MISMATCH',
        `sale order ${so.name} is in ${currency ?? 'no currency'}, the order in ${order.currency}: not confirmed`,
      );
    await odoo.call('sale.order', 'action_confirm', { ids: [so.id] });
  }
  return { saleOrderId: so.id, name: so.name, created, confirmed };
}
