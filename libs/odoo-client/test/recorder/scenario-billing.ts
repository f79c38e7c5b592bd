import { kw, line } from './kw';
import type { WireRecorder } from './wire-recorder';

const MOVE_LIST = [
  'state',
  'ref',
  'name',
  'invoice_origin',
  'invoice_line_ids',
  'amount_untaxed',
  'amount_tax',
  'amount_total',
];
const soContext = { active_model: 'sale.order', active_ids: ['$so'], active_id: '$so' };
const invoiceContext = {
  active_model: 'account.move',
  active_ids: ['$invoice'],
  active_id: '$invoice',
};

/** Invoice through the wizard, post it, credit note through the reversal wizard. */
export async function recordInvoiceAndCredit(rec: WireRecorder) {
  await rec.rpc(
    'invoice.wizard-create',
    kw(
      'sale.advance.payment.inv',
      'create',
      [{ advance_payment_method: 'delivered', sale_order_ids: [[6, 0, ['$so']]] }],
      { context: soContext },
    ),
    { bind: { invoiceWizard: 'result' } },
  );
  await rec.rpc(
    'invoice.create-invoices',
    kw('sale.advance.payment.inv', 'create_invoices', [['$invoiceWizard']], { context: soContext }),
  );
  await rec.rpc(
    'invoice.find-draft',
    kw(
      'account.move',
      'search_read',
      [
        [
          ['move_type', '=', 'out_invoice'],
          ['invoice_origin', '=', '$soName'],
          ['state', '=', 'draft'],
          ['ref', 'in', [false, '$orderRef']],
        ],
      ],
      { fields: MOVE_LIST, order: 'id asc' },
    ),
    {
      bind: {
        invoice: 'result.0.id',
        invoiceLine1: 'result.0.invoice_line_ids.0',
      },
    },
  );
  await rec.rpc('invoice.journal', kw('account.move', 'read', [['$invoice'], ['journal_id']]), {
    bind: { journal: 'result.0.journal_id.0' },
    note: 'the credit note wizard needs the journal on 17',
  });
  await rec.rpc(
    'invoice.lines',
    kw('account.move.line', 'read', [
      ['$invoiceLine1'],
      ['product_id', 'quantity', 'price_unit', 'tax_ids'],
    ]),
  );
  await rec.rpc(
    'invoice.tag-ref',
    kw('account.move', 'write', [['$invoice'], { ref: '$invoiceRef' }]),
  );
  await rec.rpc('invoice.post', kw('account.move', 'action_post', [['$invoice']]));
  await rec.rpc(
    'invoice.find-by-ref',
    kw(
      'account.move',
      'search_read',
      [
        [
          ['move_type', '=', 'out_invoice'],
          ['ref', '=', '$invoiceRef'],
        ],
      ],
      { fields: MOVE_LIST, order: 'id asc' },
    ),
  );
  await rec.rpc(
    'credit.wizard-without-journal',
    kw('account.move.reversal', 'create', [{ reason: '$creditReason' }], {
      context: invoiceContext,
    }),
  );
  await rec.rpc(
    'credit.wizard-with-journal',
    kw('account.move.reversal', 'create', [{ reason: '$creditReason', journal_id: '$journal' }], {
      context: invoiceContext,
    }),
    { bind: { reversal: 'result' } },
  );
  await rec.rpc(
    'credit.refund-moves',
    kw('account.move.reversal', 'refund_moves', [['$reversal']], { context: invoiceContext }),
  );
  await rec.rpc(
    'credit.find-draft',
    kw(
      'account.move',
      'search_read',
      [
        [
          ['move_type', '=', 'out_refund'],
          ['reversed_entry_id', '=', '$invoice'],
          ['state', '=', 'draft'],
        ],
      ],
      { fields: MOVE_LIST, order: 'id asc' },
    ),
    { bind: { credit: 'result.0.id' } },
  );
  await rec.rpc('credit.post', kw('account.move', 'action_post', [['$credit']]));
  await rec.rpc('sale.lock', kw('sale.order', 'action_lock', [['$so']]));
}

/** A second order, cancelled the way cancel-sale-order does it. */
export async function recordCancel(rec: WireRecorder) {
  await rec.rpc(
    'cancel.create',
    kw('sale.order', 'create', [
      {
        partner_id: '$partner',
        client_order_ref: '$cancelRef',
        order_line: [line('$productA', 1, 12.5)],
      },
    ]),
    { bind: { so2: 'result' } },
  );
  await rec.rpc('cancel.confirm', kw('sale.order', 'action_confirm', [['$so2']]));
  await rec.rpc(
    'cancel.open-pickings',
    kw(
      'stock.picking',
      'search_read',
      [
        [
          ['sale_id', '=', '$so2'],
          ['picking_type_code', '=', 'outgoing'],
          ['state', 'not in', ['done', 'cancel']],
        ],
      ],
      { fields: ['name', 'state'], order: 'id asc' },
    ),
    { bind: { picking2: 'result.0.id' } },
  );
  await rec.rpc(
    'cancel.picking-action-cancel',
    kw('stock.picking', 'action_cancel', [['$picking2']]),
    { note: 'what cancel-sale-order does with the open remainder of a partly delivered order' },
  );
  await rec.rpc(
    'cancel.with-disable-warning',
    kw('sale.order', 'action_cancel', [['$so2']], { context: { disable_cancel_warning: true } }),
  );
  await rec.rpc('cancel.read-state', kw('sale.order', 'read', [['$so2'], ['state']]));
}
