import { userError } from '../errors';
import { getRec, idsBy, nextSequence, pad } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, touch, writeRecords } from '../orm/write';
import { moveTotal } from './move-amounts';
import { orderLines, qtyToInvoice } from './sale-compute';

const NO_LINE =
  'There is no invoiceable line. If a product has a Delivered quantities invoicing policy, please make sure that a quantity has been delivered.';

function invoiceOrder(env: Env, order: Rec): number | undefined {
  const lines = orderLines(env, order.id).filter(
    (l) => !l.display_type && qtyToInvoice(env, l) > 0,
  );
  if (lines.length === 0) return undefined;
  const [moveId] = createRecords(env, 'account.move', [
    {
      move_type: 'out_invoice',
      partner_id: order.partner_invoice_id || order.partner_id,
      invoice_origin: order.name,
      ref: order.client_order_ref || false,
      currency_id: order.currency_id,
      invoice_line_ids: lines.map((l) => [
        0,
        0,
        {
          product_id: l.product_id,
          name: l.name,
          quantity: qtyToInvoice(env, l),
          price_unit: l.price_unit,
          discount: l.discount ?? 0,
          product_uom_id: l[env.profile.lineUomField] || false,
          tax_ids: [[6, 0, (l[env.profile.lineTaxField] as number[] | undefined) ?? []]],
          sale_line_ids: [[6, 0, [l.id]]],
        },
      ]),
    },
  ]);
  touch(env, 'sale.order', [order.id]);
  touch(
    env,
    'sale.order.line',
    lines.map((l) => l.id),
  );
  return moveId;
}

/** sale.advance.payment.inv.create_invoices for the "delivered" (regular invoice) method. */
export function createInvoicesFromWizard(env: Env, wizardIds: number[]): unknown {
  const invoices: number[] = [];
  const orders: number[] = [];
  for (const wizardId of wizardIds) {
    const wizard = getRec(env, 'sale.advance.payment.inv', wizardId) as Rec;
    if (wizard.advance_payment_method !== 'delivered') {
      throw userError(
        'odoo-sim only simulates regular invoices (advance_payment_method "delivered").',
      );
    }
    const orderIds = (wizard.sale_order_ids as number[] | undefined) ?? [];
    const created = orderIds
      .map((id) => invoiceOrder(env, getRec(env, 'sale.order', id) as Rec))
      .filter((id) => id !== undefined);
    if (created.length === 0) throw userError(NO_LINE);
    invoices.push(...created);
    orders.push(...orderIds);
  }
  // 16 closes the wizard (unless open_invoices); 17+ open what they made (action_view_invoice)
  if (env.profile.version === 16 && env.context.open_invoices !== true)
    return { type: 'ir.actions.act_window_close' };
  return invoiceAction(env, orders, invoices);
}

/** Ids of the views `account.action_move_out_invoice_type` names (this database's). */
const VIEWS = { action: 236, form: 728, tree: 726, search: 735 };

/**
 * `sale.order.action_view_invoice`: the full `account.action_move_out_invoice_type` window action
 * (as `_for_xml_id` reads it), opened on the invoice when there is one, with the order's defaults
 * in the context when one order was invoiced.
 */
function invoiceAction(env: Env, orderIds: number[], invoices: number[]) {
  const list = env.profile.version >= 18 ? 'list' : 'tree';
  const views: unknown[][] = [
    [VIEWS.tree, list],
    [false, 'kanban'],
    [VIEWS.form, 'form'],
    [false, 'activity'],
  ];
  const order = orderIds.length === 1 ? getRec(env, 'sale.order', orderIds[0]!) : undefined;
  const action = {
    id: VIEWS.action,
    name: 'Invoices',
    type: 'ir.actions.act_window',
    xml_id: 'account.action_move_out_invoice_type',
    help: '<p class="o_view_nocontent_smiling_face">Create a customer invoice</p>',
    binding_model_id: false,
    binding_type: 'action',
    binding_view_types: 'list,form',
    display_name: 'Invoices',
    view_id: [VIEWS.tree, 'account.out.invoice.tree'],
    domain: "[('move_type', '=', 'out_invoice')]",
    context: {
      default_move_type: 'out_invoice',
      ...(order && {
        default_partner_id: order.partner_id,
        default_partner_shipping_id: order.partner_shipping_id || order.partner_id,
        default_invoice_payment_term_id: order.payment_term_id || null,
        default_invoice_origin: order.name,
      }),
    },
    res_model: 'account.move',
    target: 'current',
    view_mode: `${list},kanban,form,activity`,
    mobile_view_mode: 'kanban',
    views,
    limit: 80,
    groups_id: [],
    search_view_id: [VIEWS.search, 'account.invoice.select'],
    filter: false,
  };
  return movesAction(action, views, VIEWS.form, invoices);
}

/**
 * A window action on journal entries as Odoo opens it: a list of several, or the form of one
 * (form view first, `res_id` set).
 */
export function movesAction(
  action: Record<string, unknown>,
  views: unknown[][],
  formView: number,
  ids: number[],
) {
  if (ids.length > 1) return { ...action, domain: [['id', 'in', ids]] };
  return {
    ...action,
    views: [[formView, 'form'], ...views.filter(([, kind]) => kind !== 'form')],
    res_id: ids[0],
  };
}

/** Sales journals number per year (INV/2025/00001), purchase journals per month (BILL/2025/03/0001). */
function moveName(env: Env, move: Rec, date: string): string {
  const year = date.slice(0, 4);
  if (['in_invoice', 'in_refund', 'in_receipt'].includes(move.move_type as string)) {
    const prefix = `${move.move_type === 'in_refund' ? 'RBILL' : 'BILL'}/${year}/${date.slice(5, 7)}`;
    return `${prefix}/${pad(nextSequence(env, prefix), 4)}`;
  }
  const prefix = `${move.move_type === 'out_refund' ? 'RINV' : 'INV'}/${year}`;
  return `${prefix}/${pad(nextSequence(env, prefix))}`;
}

/** `_increase_rank('supplier_rank')`: a posted bill makes its partner (and company) more of a supplier. */
function raiseSupplierRank(env: Env, partnerId: unknown): void {
  const partner = typeof partnerId === 'number' ? getRec(env, 'res.partner', partnerId) : undefined;
  if (!partner) return;
  const ids = new Set([partner.id]);
  if (typeof partner.parent_id === 'number') ids.add(partner.parent_id);
  for (const id of ids) {
    const rank = (getRec(env, 'res.partner', id)?.supplier_rank as number | undefined) ?? 0;
    writeRecords(env, 'res.partner', [id], { supplier_rank: rank + 1 });
  }
}

export function postInvoices(env: Env, ids: number[]): boolean {
  for (const id of ids) {
    const move = getRec(env, 'account.move', id) as Rec;
    if (move.state === 'posted')
      throw userError(`The entry ${String(move.name)} (id ${id}) is already posted.`);
    if (idsBy(env, 'account.move.line', 'move_id', id).length === 0)
      throw userError('You need to add a line before posting.');
    const purchase = ['in_invoice', 'in_refund', 'in_receipt'].includes(move.move_type as string);
    if (purchase && typeof move.invoice_date !== 'string')
      throw userError('The Bill/Refund date is required to validate this document.');
    const invoiceDate =
      typeof move.invoice_date === 'string' ? move.invoice_date : env.now.slice(0, 10);
    const name = move.name && move.name !== '/' ? move.name : moveName(env, move, invoiceDate);
    if (purchase) raiseSupplierRank(env, move.partner_id);
    writeRecords(env, 'account.move', [id], {
      state: 'posted',
      name,
      invoice_date: invoiceDate,
      invoice_date_due: move.invoice_date_due || invoiceDate,
      date: invoiceDate,
    });
  }
  return false;
}

/** Test control: registers a payment; residual reaches 0 → paid, otherwise partial. */
export function registerPayment(env: Env, moveId: number, amount: number, inPayment = false): void {
  const move = getRec(env, 'account.move', moveId);
  if (!move || move.state !== 'posted')
    throw userError('You can only register payment for posted journal entries.');
  const paid = ((move.amount_paid as number | undefined) ?? 0) + amount;
  move.amount_paid = paid;
  const total = moveTotal(env, move);
  writeRecords(env, 'account.move', [moveId], {
    payment_state: paid + 0.005 >= total ? (inPayment ? 'in_payment' : 'paid') : 'partial',
  });
}
