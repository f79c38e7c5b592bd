import type { OrderCancelled } from '@o2c/contracts';
import { DomainError, SaleOrderNotReady } from '../../domain/errors';
import { findSaleOrder, type OdooDeps } from '../odoo-deps';

interface WizardAction {
  type: string;
  res_model: string;
  context?: Record<string, unknown>;
}

const isWizard = (result: unknown): result is WizardAction =>
  typeof result === 'object' && result !== null && 'res_model' in result;

/**
 * OrderCancelled → the sale order cancelled in Odoo, which cancels its open deliveries and so
 * releases their reservations. 16–18 answer `action_cancel` with the `sale.order.cancel` email
 * wizard unless `disable_cancel_warning` is in the context (19 cancels at once); should a
 * customised database still answer with the wizard, it is run the supported way, with the
 * action's context. Once part of the order was delivered, the order stays (its deliveries are
 * invoiced) and only its open deliveries are cancelled; a fully delivered order cannot be
 * cancelled. Idempotent: what is already cancelled is left alone.
 */
export async function cancelSaleOrder(cancelled: OrderCancelled, { odoo }: OdooDeps) {
  const so = await findSaleOrder(odoo, cancelled.orderId, ['delivery_status']);
  // OrderAccepted precedes us on sales.orders but may still be retrying against Odoo.
  if (!so) throw new SaleOrderNotReady(`sale order of ${cancelled.orderId} not in Odoo yet`);
  if (so.state === 'cancel') return { saleOrderId: so.id, outcome: 'already-cancelled' as const };
  const deliveries = await odoo.searchRead(
    'stock.picking',
    [
      ['sale_id', '=', so.id],
      ['picking_type_code', '=', 'outgoing'],
    ],
    { fields: ['name', 'state'], order: 'id asc' },
  );
  const done = deliveries.filter((p) => p.state === 'done');
  if (done.length > 0) {
    // Shipped goods stay on the order (they are invoiced): only what is still open is cancelled.
    const open = deliveries.filter((p) => p.state !== 'done' && p.state !== 'cancel');
    if (open.length > 0) {
      await odoo.call('stock.picking', 'action_cancel', { ids: open.map((p) => p.id) });
      return { saleOrderId: so.id, outcome: 'remainder-cancelled' as const };
    }
    if (deliveries.some((p) => p.state === 'cancel'))
      return { saleOrderId: so.id, outcome: 'remainder-already-cancelled' as const };
    throw new DomainError(
      'ORDER_ALREADY_DELIVERED',
      `${so.name} (${cancelled.orderId}) cannot be cancelled in Odoo: it is fully delivered (${done
        .map((p) => String(p.name))
        .join(', ')} done, delivery_status ${String(so.delivery_status)})`,
    );
  }
  const context = { disable_cancel_warning: true };
  const result = await odoo.call('sale.order', 'action_cancel', { ids: [so.id], context });
  if (isWizard(result)) {
    const wizardContext = { ...context, ...result.context };
    const wizard = await odoo.create(result.res_model, {}, { context: wizardContext });
    await odoo.call(result.res_model, 'action_cancel', { ids: [wizard], context: wizardContext });
  }
  const [after] = await odoo.read('sale.order', [so.id], ['state']);
  if (after?.state !== 'cancel')
    throw new Error(`${so.name} still ${String(after?.state)} after action_cancel`);
  return { saleOrderId: so.id, outcome: 'cancelled' as const };
}
