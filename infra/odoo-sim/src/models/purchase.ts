import { bool, char, datetime, float, m2m, m2o, money, o2m, sel, when } from '../orm/fields';
import { getRec, nextSequence, pad, str } from '../orm/records';
import type { Env, ModelDef, Rec } from '../orm/types';
import { lineTax } from '../flows/taxes';
import type { VersionProfile } from '../version';
import {
  confirmPurchaseOrders,
  earliestLineDate,
  invoiceStatus,
  purchaseBills,
  purchaseLines,
  qtyInvoiced,
  qtyReceived,
  qtyToInvoice,
  receiptStatus,
} from '../flows/purchase';
import { afterLineWrite, cancelPurchaseOrders } from '../flows/purchase-change';
import { createPurchaseBills, viewPurchaseBills } from '../flows/purchase-bill';

const round = (n: number) => Math.round(n * 100) / 100;

const lineUntaxed = (_env: Env, l: Rec) => (l.product_qty as number) * (l.price_unit as number);
const lineTaxAmount = (env: Env, l: Rec, taxField: string) =>
  lineTax(env, l[taxField], round(lineUntaxed(env, l)));
const sumLines = (env: Env, orderId: number, f: (env: Env, l: Rec) => number) =>
  purchaseLines(env, orderId).reduce((s, l) => s + f(env, l), 0);

/** A line without a date takes its order's expected arrival (the form's onchange). */
const orderDate = (env: Env, orderId: unknown): unknown =>
  typeof orderId === 'number' ? getRec(env, 'purchase.order', orderId)?.date_planned : false;

export function purchaseModels(p: VersionProfile): ModelDef[] {
  const taxField = p.version >= 19 ? 'tax_ids' : 'taxes_id';
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
          { compute: invoiceStatus },
        ),
        invoice_ids: m2m('account.move', 'Bills', {
          compute: (env, rec) => purchaseBills(env, rec.id),
        }),
        invoice_count: {
          type: 'integer',
          string: 'Bill Count',
          compute: (env, rec) => purchaseBills(env, rec.id).length,
        },
        notes: { type: 'html', string: 'Terms and Conditions' },
        amount_untaxed: money('Untaxed Amount', {
          compute: (env, rec) => round(sumLines(env, rec.id, lineUntaxed)),
        }),
        amount_tax: money('Taxes', {
          compute: (env, rec) =>
            round(sumLines(env, rec.id, (e, l) => lineTaxAmount(e, l, taxField))),
        }),
        amount_total: money('Total', {
          compute: (env, rec) =>
            round(
              sumLines(env, rec.id, (e, l) => lineUntaxed(e, l) + lineTaxAmount(e, l, taxField)),
            ),
        }),
      },
      // with a vendor reference, Odoo shows it after the name ("P00012 (SO-778)")
      displayName: (_env, rec) =>
        rec.partner_ref ? `${str(rec.name)} (${str(rec.partner_ref)})` : str(rec.name),
      prepare: (env, vals) => ({
        date_order: env.now,
        ...vals,
        name:
          vals.name && vals.name !== 'New'
            ? vals.name
            : `P${pad(nextSequence(env, 'purchase.order'))}`,
      }),
      afterCreate: (env, id) => {
        const order = getRec(env, 'purchase.order', id);
        if (order && !order.date_planned) order.date_planned = earliestLineDate(env, id);
      },
      methods: {
        button_confirm: { params: [], run: (env, ids) => confirmPurchaseOrders(env, ids) },
        button_cancel: { params: [], run: (env, ids) => cancelPurchaseOrders(env, ids) },
        action_create_invoice: { params: [], run: (env, ids) => createPurchaseBills(env, ids) },
        action_view_invoice: { params: [], run: (env, ids) => viewPurchaseBills(env, ids) },
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
        [taxField]: m2m('account.tax', 'Taxes'),
        date_planned: datetime('Expected Arrival'),
        qty_received: float('Received Qty', { compute: (env, rec) => qtyReceived(env, rec) }),
        qty_invoiced: float('Billed Qty', { compute: qtyInvoiced }),
        qty_to_invoice: float('To Invoice Quantity', { compute: qtyToInvoice }),
        price_subtotal: money('Subtotal', {
          compute: (_e, rec) => round((rec.product_qty as number) * (rec.price_unit as number)),
        }),
        state: sel(states, 'Status', { related: 'order_id.state' }),
        display_type: sel(
          [
            ['line_section', 'Section'],
            ['line_note', 'Note'],
          ],
          'Display Type',
        ),
        move_ids: o2m('stock.move', 'purchase_line_id', 'Reservation'),
        invoice_lines: o2m('account.move.line', 'purchase_line_id', 'Bill Lines'),
      },
      afterWrite: afterLineWrite,
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
          [taxField]: [[6, 0, (tmpl?.supplier_taxes_id as number[] | undefined) ?? []]],
          date_planned: orderDate(env, vals.order_id) || env.now,
          ...vals,
        };
      },
    },
  ];
}
