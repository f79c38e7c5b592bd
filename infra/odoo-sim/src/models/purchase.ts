import { bool, char, datetime, float, m2m, m2o, money, o2m, sel, when } from '../orm/fields';
import { getRec, nextSequence, pad } from '../orm/records';
import type { ModelDef } from '../orm/types';
import type { VersionProfile } from '../version';
import {
  confirmPurchaseOrders,
  purchaseLines,
  qtyReceived,
  receiptStatus,
} from '../flows/purchase';
import { writeRecords } from '../orm/write';

const round = (n: number) => Math.round(n * 100) / 100;

export function purchaseModels(p: VersionProfile): ModelDef[] {
  const states: [string, string][] = [
    ['draft', 'RFQ'],
    ['sent', 'RFQ Sent'],
    ['to approve', 'To Approve'],
    ['purchase', 'Purchase Order'],
  ];
  if (p.purchaseHasDone) states.push(['done', 'Locked']);
  states.push(['cancel', 'Cancelled']);
  return [
    {
      name: 'purchase.order',
      description: 'Purchase Order',
      order: 'priority desc, id desc',
      fields: {
        name: char('Order Reference', { required: true, default: 'New' }),
        priority: sel(
          [
            ['0', 'Normal'],
            ['1', 'Urgent'],
          ],
          'Priority',
          { default: '0' },
        ),
        state: sel(states, 'Status', { default: 'draft', readonly: true }),
        ...when(!p.purchaseHasDone, { locked: bool('Locked', { default: false }) }),
        partner_id: m2o('res.partner', 'Vendor', { required: true }),
        partner_ref: char('Vendor Reference'),
        origin: char('Source Document'),
        date_order: datetime('Order Deadline', { required: true }),
        date_approve: datetime('Confirmation Date'),
        date_planned: datetime('Expected Arrival'),
        order_line: o2m('purchase.order.line', 'order_id', 'Order Lines'),
        picking_ids: o2m('stock.picking', 'purchase_id', 'Receptions'),
        picking_type_id: m2o('stock.picking.type', 'Deliver To', { default: 1 }),
        currency_id: m2o('res.currency', 'Currency', { default: 1 }),
        company_id: m2o('res.company', 'Company', { default: 1 }),
        ...when(p.version >= 17, {
          receipt_status: sel(
            [
              ['pending', 'Not Received'],
              ['partial', 'Partially Received'],
              ['full', 'Fully Received'],
            ],
            'Receipt Status',
            { compute: (env, rec) => receiptStatus(env, rec) },
          ),
        }),
        invoice_status: sel(
          [
            ['no', 'Nothing to Bill'],
            ['to invoice', 'Waiting Bills'],
            ['invoiced', 'Fully Billed'],
          ],
          'Billing Status',
          {
            compute: (env, rec) =>
              purchaseLines(env, rec.id).some((l) => qtyReceived(env, l) > 0) ? 'to invoice' : 'no',
          },
        ),
        amount_untaxed: money('Untaxed Amount', {
          compute: (env, rec) =>
            round(
              purchaseLines(env, rec.id).reduce(
                (s, l) => s + (l.product_qty as number) * (l.price_unit as number),
                0,
              ),
            ),
        }),
        amount_total: money('Total', {
          compute: (env, rec) =>
            round(
              purchaseLines(env, rec.id).reduce(
                (s, l) => s + (l.product_qty as number) * (l.price_unit as number),
                0,
              ),
            ),
        }),
      },
      prepare: (env, vals) => ({
        date_order: env.now,
        ...vals,
        name:
          vals.name && vals.name !== 'New'
            ? vals.name
            : `P${pad(nextSequence(env, 'purchase.order'))}`,
      }),
      methods: {
        button_confirm: { params: [], run: (env, ids) => confirmPurchaseOrders(env, ids) },
        button_cancel: {
          params: [],
          run: (env, ids) => (writeRecords(env, 'purchase.order', ids, { state: 'cancel' }), true),
        },
      },
    },
    {
      name: 'purchase.order.line',
      description: 'Purchase Order Line',
      order: 'order_id, sequence, id',
      fields: {
        order_id: m2o('purchase.order', 'Order Reference', { required: true, ondelete: 'cascade' }),
        sequence: { type: 'integer', string: 'Sequence', default: 10 },
        name: char('Description'),
        product_id: m2o('product.product', 'Product'),
        product_qty: float('Quantity', { default: 1 }),
        [p.lineUomField]: m2o('uom.uom', 'Unit of Measure'),
        price_unit: float('Unit Price'),
        [p.version >= 19 ? 'tax_ids' : 'taxes_id']: m2m('account.tax', 'Taxes'),
        date_planned: datetime('Expected Arrival'),
        qty_received: float('Received Qty', { compute: (env, rec) => qtyReceived(env, rec) }),
        qty_invoiced: float('Billed Qty', { compute: () => 0 }),
        move_ids: o2m('stock.move', 'purchase_line_id', 'Reservation'),
      },
      prepare: (env, vals) => {
        const product =
          typeof vals.product_id === 'number'
            ? getRec(env, 'product.product', vals.product_id)
            : undefined;
        const tmpl = product
          ? getRec(env, 'product.template', product.product_tmpl_id as number)
          : undefined;
        return {
          name: tmpl?.name ?? false,
          price_unit: tmpl?.standard_price ?? 0,
          [p.lineUomField]: tmpl?.uom_id ?? false,
          date_planned: env.now,
          ...vals,
        };
      },
    },
  ];
}
