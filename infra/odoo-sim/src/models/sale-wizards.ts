import { bool, float, m2m, m2o, sel } from '../orm/fields';
import { getRec } from '../orm/records';
import type { ModelDef } from '../orm/types';
import { doCancel } from '../flows/sale-cancel';
import { createInvoicesFromWizard } from '../flows/invoice';

/** Transient wizards of the sale flow: invoicing and (16) cancellation. */
export function saleWizardModels(): ModelDef[] {
  return [
    {
      name: 'sale.order.cancel',
      description: 'Sales Order Cancel',
      order: 'id',
      transient: true,
      fields: { order_id: m2o('sale.order', 'Sale Order', { required: true }) },
      methods: {
        action_cancel: {
          params: [],
          run: (env, ids) =>
            doCancel(
              env,
              ids.map((id) => getRec(env, 'sale.order.cancel', id)?.order_id as number),
            ),
        },
      },
    },
    {
      name: 'sale.advance.payment.inv',
      description: 'Sales Advance Payment Invoice',
      order: 'id',
      transient: true,
      fields: {
        advance_payment_method: sel(
          [
            ['delivered', 'Regular invoice'],
            ['percentage', 'Down payment (percentage)'],
            ['fixed', 'Down payment (fixed amount)'],
          ],
          'Create Invoice',
          { default: 'delivered', required: true },
        ),
        sale_order_ids: m2m('sale.order', 'Sales Orders'),
        deduct_down_payments: bool('Deduct down payments', { default: true }),
        amount: float('Down Payment Amount'),
      },
      prepare: (env, vals) => ({
        sale_order_ids:
          env.context.active_model === 'sale.order' && Array.isArray(env.context.active_ids)
            ? [[6, 0, env.context.active_ids]]
            : [],
        ...vals,
      }),
      methods: {
        create_invoices: { params: [], run: (env, ids) => createInvoicesFromWizard(env, ids) },
      },
    },
  ];
}
