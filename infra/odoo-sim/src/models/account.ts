import { char, date, float, m2m, m2o, money, o2m, sel } from '../orm/fields';
import { getRec } from '../orm/records';
import type { ModelDef } from '../orm/types';
import { postInvoices } from '../flows/invoice';
import { userError } from '../errors';
import { writeRecords } from '../orm/write';
import { defaultJournal } from './account-journal';
import { lineSubtotal, moveTax, moveTotal, moveUntaxed, round } from '../flows/move-amounts';

export function accountModels(): ModelDef[] {
  return [
    {
      name: 'account.tax',
      description: 'Tax',
      order: 'sequence,id',
      fields: {
        name: char('Tax Name', { required: true }),
        sequence: { type: 'integer', string: 'Sequence', default: 1 },
        amount: float('Amount'),
        type_tax_use: sel(
          [
            ['sale', 'Sales'],
            ['purchase', 'Purchases'],
            ['none', 'None'],
          ],
          'Tax Type',
          { default: 'sale' },
        ),
      },
    },
    {
      name: 'account.move',
      description: 'Journal Entry',
      order: 'date desc, name desc, invoice_date desc, id desc',
      recName: 'name',
      fields: {
        name: char('Number', { default: '/' }),
        move_type: sel(
          [
            ['entry', 'Journal Entry'],
            ['out_invoice', 'Customer Invoice'],
            ['out_refund', 'Customer Credit Note'],
            ['in_invoice', 'Vendor Bill'],
            ['in_refund', 'Vendor Credit Note'],
            ['out_receipt', 'Sales Receipt'],
            ['in_receipt', 'Purchase Receipt'],
          ],
          'Type',
          { default: 'entry', required: true },
        ),
        state: sel(
          [
            ['draft', 'Draft'],
            ['posted', 'Posted'],
            ['cancel', 'Cancelled'],
          ],
          'Status',
          { default: 'draft', readonly: true },
        ),
        payment_state: sel(
          [
            ['not_paid', 'Not Paid'],
            ['in_payment', 'In Payment'],
            ['paid', 'Paid'],
            ['partial', 'Partially Paid'],
            ['reversed', 'Reversed'],
            ['invoicing_legacy', 'Invoicing App Legacy'],
          ],
          'Payment Status',
          { default: 'not_paid', readonly: true },
        ),
        partner_id: m2o('res.partner', 'Partner'),
        date: date('Date'),
        invoice_date: date('Invoice/Bill Date'),
        invoice_date_due: date('Due Date'),
        invoice_origin: char('Origin'),
        ref: char('Reference'),
        payment_reference: char('Payment Reference'),
        reversed_entry_id: m2o('account.move', 'Reversal of'),
        journal_id: m2o('account.journal', 'Journal', { required: true }),
        currency_id: m2o('res.currency', 'Currency', { default: 1 }),
        company_id: m2o('res.company', 'Company', { default: 1 }),
        invoice_line_ids: o2m('account.move.line', 'move_id', 'Invoice lines'),
        line_ids: o2m('account.move.line', 'move_id', 'Journal Items'),
        amount_untaxed: money('Untaxed Amount', { compute: moveUntaxed }),
        amount_tax: money('Tax', { compute: moveTax }),
        amount_total: money('Total', { compute: moveTotal }),
        amount_residual: money('Amount Due', {
          compute: (env, rec) =>
            round(moveTotal(env, rec) - ((rec.amount_paid as number | undefined) ?? 0)),
        }),
      },
      prepare: (env, vals) => ({
        date: env.now.slice(0, 10),
        journal_id: defaultJournal(env, vals.move_type ?? 'entry'),
        ...vals,
      }),
      methods: {
        action_post: { params: [], run: (env, ids) => postInvoices(env, ids) },
        button_draft: {
          params: [],
          run: (env, ids) => void writeRecords(env, 'account.move', ids, { state: 'draft' }),
        },
        button_cancel: {
          params: [],
          run: (env, ids) => void writeRecords(env, 'account.move', ids, { state: 'cancel' }),
        },
      },
      beforeUnlink: (env, ids) => {
        if (ids.some((id) => getRec(env, 'account.move', id)?.state === 'posted'))
          throw userError('You cannot delete an entry which has been posted once.');
      },
    },
    {
      name: 'account.move.line',
      description: 'Journal Item',
      order: 'date desc, move_name desc, id',
      fields: {
        move_id: m2o('account.move', 'Journal Entry', { required: true, ondelete: 'cascade' }),
        move_name: char('Number', { related: 'move_id.name' }),
        sequence: { type: 'integer', string: 'Sequence', default: 10 },
        date: date('Date', { related: 'move_id.date' }),
        name: char('Label'),
        product_id: m2o('product.product', 'Product'),
        quantity: float('Quantity', { default: 1 }),
        price_unit: float('Unit Price'),
        discount: float('Discount (%)'),
        price_subtotal: money('Subtotal', { compute: (_e, rec) => lineSubtotal(rec) }),
        product_uom_id: m2o('uom.uom', 'Unit of Measure'),
        tax_ids: m2m('account.tax', 'Taxes'),
        sale_line_ids: m2m('sale.order.line', 'Sales Order Lines'),
        purchase_line_id: m2o('purchase.order.line', 'Purchase Order Line'),
        display_type: sel(
          [
            ['product', 'Product'],
            ['line_section', 'Section'],
            ['line_note', 'Note'],
          ],
          'Display Type',
          { default: 'product' },
        ),
      },
    },
  ];
}
