import {
  bool,
  char,
  datetime,
  float,
  int,
  m2m,
  m2o,
  money,
  o2m,
  sel,
  text,
  when,
} from '../orm/fields';
import { getRec, idsBy, nextSequence, pad, str } from '../orm/records';
import type { Env, ModelDef } from '../orm/types';
import type { VersionProfile } from '../version';
import { userError } from '../errors';
import { withPricelist } from './pricelist';
import { writeRecords } from '../orm/write';
import { confirmSaleOrders } from '../flows/sale-confirm';
import { cancelSaleOrders } from '../flows/sale-cancel';
import { checkLineQuantity, launchStockRule } from '../flows/sale-procure';
import {
  deliveryStatus,
  invoiceStatus,
  lineSubtotal,
  lineTaxAmount,
  orderInvoices,
  orderLines,
  qtyDelivered,
  qtyInvoiced,
  qtyToInvoice,
} from '../flows/sale-compute';

const INVOICE_STATUS: [string, string][] = [
  ['upselling', 'Upselling Opportunity'],
  ['invoiced', 'Fully Invoiced'],
  ['to invoice', 'To Invoice'],
  ['no', 'Nothing to Invoice'],
];

function saleStates(p: VersionProfile): [string, string][] {
  const states: [string, string][] = [
    ['draft', 'Quotation'],
    ['sent', 'Quotation Sent'],
    ['sale', 'Sales Order'],
  ];
  if (!p.saleHasLocked) states.push(['done', 'Locked']);
  states.push(['cancel', 'Cancelled']);
  return states;
}

/** Lines added or changed on a confirmed order get their stock moves adjusted, as in Odoo. */
function relaunch(env: Env, lineIds: number[]): void {
  const orders = new Set(lineIds.map((id) => getRec(env, 'sale.order.line', id)?.order_id));
  for (const orderId of orders) {
    const order = typeof orderId === 'number' ? getRec(env, 'sale.order', orderId) : undefined;
    if (order?.state === 'sale') launchStockRule(env, order, new Set(lineIds));
  }
}

/**
 * Odoo 17's `_compute_price_unit` depends on the quantity: a quantity written without a
 * `price_unit` reprices a line not yet invoiced from the pricelist (the product's list price
 * here), dropping a price set by hand (observed on a real Odoo 17).
 */
function repriceLines(env: Env, lineIds: number[]): void {
  for (const id of lineIds) {
    const line = getRec(env, 'sale.order.line', id);
    if (!line || typeof line.product_id !== 'number' || qtyInvoiced(env, line) > 0) continue;
    line.price_unit = listPrice(env, line.product_id);
  }
}

function listPrice(env: Env, productId: number): number {
  const product = getRec(env, 'product.product', productId);
  const tmpl = product
    ? getRec(env, 'product.template', product.product_tmpl_id as number)
    : undefined;
  return (tmpl?.list_price as number | undefined) ?? 0;
}

const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

export function saleModels(p: VersionProfile): ModelDef[] {
  return [
    {
      name: 'sale.order',
      description: 'Sales Order',
      order: 'date_order desc, id desc',
      fields: {
        name: char('Order Reference', { required: true, default: 'New' }),
        state: sel(saleStates(p), 'Status', { default: 'draft', readonly: true }),
        ...when(p.saleHasLocked, { locked: bool('Locked', { default: false }) }),
        partner_id: m2o('res.partner', 'Customer', { required: true }),
        partner_invoice_id: m2o('res.partner', 'Invoice Address'),
        partner_shipping_id: m2o('res.partner', 'Delivery Address'),
        client_order_ref: char('Customer Reference'),
        origin: char('Source Document'),
        date_order: datetime('Order Date', { required: true }),
        commitment_date: datetime('Delivery Date'),
        note: text('Terms and conditions'),
        order_line: o2m('sale.order.line', 'order_id', 'Order Lines'),
        warehouse_id: m2o('stock.warehouse', 'Warehouse', { default: 1 }),
        carrier_id: m2o('delivery.carrier', 'Delivery Method'),
        user_id: m2o('res.users', 'Salesperson'),
        company_id: m2o('res.company', 'Company', { default: 1 }),
        pricelist_id: m2o('product.pricelist', 'Pricelist'),
        // computed from the pricelist in Odoo (stored): set when the order is created or repriced
        currency_id: m2o('res.currency', 'Currency', { readonly: true }),
        picking_ids: o2m('stock.picking', 'sale_id', 'Transfers'),
        delivery_count: int('Delivery Orders', {
          compute: (env, rec) => idsBy(env, 'stock.picking', 'sale_id', rec.id).length,
        }),
        delivery_status: sel(
          [
            ['pending', 'Not Delivered'],
            ['started', 'Started'],
            ['partial', 'Partially Delivered'],
            ['full', 'Fully Delivered'],
          ],
          'Delivery Status',
          { compute: (env, rec) => deliveryStatus(env, rec) },
        ),
        invoice_ids: m2m('account.move', 'Invoices', {
          compute: (env, rec) => orderInvoices(env, rec),
        }),
        invoice_count: int('Invoice Count', {
          compute: (env, rec) => orderInvoices(env, rec).length,
        }),
        invoice_status: sel(INVOICE_STATUS, 'Invoice Status', {
          compute: (env, rec) => invoiceStatus(env, rec),
        }),
        amount_untaxed: money('Untaxed Amount', {
          compute: (env, rec) => sum(orderLines(env, rec.id).map(lineSubtotal)),
        }),
        amount_tax: money('Taxes', {
          compute: (env, rec) => sum(orderLines(env, rec.id).map((l) => lineTaxAmount(env, l))),
        }),
        amount_total: money('Total', {
          compute: (env, rec) =>
            sum(orderLines(env, rec.id).map((l) => lineSubtotal(l) + lineTaxAmount(env, l))),
        }),
      },
      prepare: (env, vals) => ({
        ...withPricelist(env, vals),
        date_order: env.now,
        partner_invoice_id: vals.partner_id,
        partner_shipping_id: vals.partner_id,
        user_id: env.uid,
        ...vals,
        name:
          vals.name && vals.name !== 'New' ? vals.name : `S${pad(nextSequence(env, 'sale.order'))}`,
      }),
      beforeUnlink: (env, ids) => {
        if (
          ids.some(
            (id) => !['draft', 'cancel'].includes(getRec(env, 'sale.order', id)?.state as string),
          )
        ) {
          throw userError(
            'You can not delete a sent quotation or a confirmed sales order. You must first cancel it.',
          );
        }
      },
      methods: {
        action_confirm: { params: [], run: (env, ids) => confirmSaleOrders(env, ids) },
        action_cancel: { params: [], run: (env, ids) => cancelSaleOrders(env, ids) },
        action_draft: {
          params: [],
          run: (env, ids) => (writeRecords(env, 'sale.order', ids, { state: 'draft' }), true),
        },
        ...(p.saleHasLocked
          ? {
              action_lock: {
                params: [],
                // Odoo 17 returns None: no `result` key in the answer
                run: (env, ids) => void writeRecords(env, 'sale.order', ids, { locked: true }),
              },
              action_unlock: {
                params: [],
                run: (env, ids) => void writeRecords(env, 'sale.order', ids, { locked: false }),
              },
            }
          : {
              action_done: {
                params: [],
                run: (env, ids) => (writeRecords(env, 'sale.order', ids, { state: 'done' }), true),
              },
              action_unlock: {
                params: [],
                run: (env, ids) => (writeRecords(env, 'sale.order', ids, { state: 'sale' }), true),
              },
            }),
      },
    },
    {
      name: 'sale.order.line',
      afterCreate: (env, id) => relaunch(env, [id]),
      afterWrite: (env, ids, vals) => {
        if (!('product_uom_qty' in vals)) return;
        if (!('price_unit' in vals)) repriceLines(env, ids);
        checkLineQuantity(env, ids);
        relaunch(env, ids);
      },
      description: 'Sales Order Line',
      order: 'order_id, sequence, id',
      fields: {
        order_id: m2o('sale.order', 'Order Reference', { required: true, ondelete: 'cascade' }),
        sequence: int('Sequence', { default: 10 }),
        name: text('Description'),
        product_id: m2o('product.product', 'Product'),
        product_uom_qty: float('Quantity', { default: 1 }),
        [p.lineUomField]: m2o('uom.uom', 'Unit of Measure'),
        price_unit: float('Unit Price'),
        discount: float('Discount (%)'),
        [p.lineTaxField]: m2m('account.tax', 'Taxes'),
        display_type: sel(
          [
            ['line_section', 'Section'],
            ['line_note', 'Note'],
          ],
          'Display Type',
        ),
        state: sel(saleStates(p), 'Order Status', { related: 'order_id.state' }),
        qty_delivered: float('Delivery Quantity', {
          compute: (env, rec) => qtyDelivered(env, rec),
        }),
        qty_invoiced: float('Invoiced Quantity', { compute: (env, rec) => qtyInvoiced(env, rec) }),
        qty_to_invoice: float('Quantity To Invoice', {
          compute: (env, rec) => qtyToInvoice(env, rec),
        }),
        price_subtotal: money('Subtotal', { compute: (_env, rec) => lineSubtotal(rec) }),
        price_tax: money('Total Tax', { compute: (env, rec) => lineTaxAmount(env, rec) }),
        price_total: money('Total', {
          compute: (env, rec) => sum([lineSubtotal(rec), lineTaxAmount(env, rec)]),
        }),
        move_ids: o2m('stock.move', 'sale_line_id', 'Stock Moves'),
        invoice_lines: m2m('account.move.line', 'Invoice Lines', {
          compute: (env, rec) => idsBy(env, 'account.move.line', 'sale_line_ids', rec.id),
        }),
        currency_id: m2o('res.currency', 'Currency', { related: 'order_id.currency_id' }),
        company_id: m2o('res.company', 'Company', { related: 'order_id.company_id' }),
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
          name: product
            ? String(
                product.default_code
                  ? `[${str(product.default_code)}] ${str(tmpl?.name)}`
                  : tmpl?.name,
              )
            : false,
          price_unit: tmpl?.list_price ?? 0,
          [p.lineUomField]: tmpl?.uom_id ?? false,
          // `_compute_tax_id`: the product's customer taxes
          [p.lineTaxField]: [[6, 0, (tmpl?.taxes_id as number[] | undefined) ?? []]],
          ...vals,
        };
      },
    },
  ];
}
