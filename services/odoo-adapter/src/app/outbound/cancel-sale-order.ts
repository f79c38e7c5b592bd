import type { OrderCancelled } from '@o2c/contracts';
import { DomainError } from '../../domain/errors';
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
 * action's context. Idempotent: an order already cancelled is left alone.
 */
export async function cancelSaleOrder(cancelled: OrderCancelled, { odoo }: OdooDeps) {
  const so = await findSaleOrder(odoo, cancelled.orderId, ['delivery_status']);
  // OrderAccepted precedes us on sales.orders but may still be retrying against Odoo.
  if (!so) throw new Error(`sale order of ${cancelled.orderId} not in Odoo yet`);
  if (so.state === 'cancel') return { saleOrderId: so.id, cancelled: false };
  const delivered = await odoo.searchRead(
    'stock.picking',
    [
      ['sale_id', '=', so.id],
      ['picking_type_code', '=', 'outgoing'],
      ['state', '=', 'done'],
    ],
    { fields: ['name'], order: 'id asc' },
  );
  if (delivered.length > 0) {
    throw new DomainError(
      'ORDER_ALREADY_DELIVERED',
      `${so.name} (${cancelled.orderId}) cannot be cancelled in Odoo: delivery ${delivered
        .map((p) => String(p.name))
        .join(', ')} is done (delivery_status ${String(so.delivery_status)})`,
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
  return { saleOrderId: so.id, cancelled: true };
}
