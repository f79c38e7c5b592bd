import { userError } from '../errors';
import { getRec } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, touch } from '../orm/write';
import { movesAction } from './invoice';
import { invoiceStatus, purchaseBills, purchaseLines, qtyToInvoice } from './purchase';

const NO_LINE =
  'There is no invoiceable line. If a product has a control policy based on received quantity, please make sure that a quantity has been received.';

/** `_prepare_invoice` + `_prepare_account_move_line`: one draft vendor bill for the order. */
function billOrder(env: Env, order: Rec): number {
  const lines = purchaseLines(env, order.id).filter(
    (l) => !l.display_type && Math.abs(qtyToInvoice(env, l)) > 1e-9,
  );
  const ref = (order.partner_ref as string | false | undefined) || '';
  const [moveId] = createRecords(env, 'account.move', [
    {
      move_type: 'in_invoice',
      ref,
      payment_reference: ref || false,
      partner_id: order.partner_id,
      currency_id: order.currency_id,
      invoice_origin: order.name,
      invoice_date_due: env.now.slice(0, 10),
      company_id: order.company_id,
      invoice_line_ids: lines.map((l, i) => [
        0,
        0,
        {
          sequence: 10 + i,
          name: `${String(order.name)}: ${String(l.name)}`,
          product_id: l.product_id,
          product_uom_id: l[env.profile.lineUomField] || false,
          quantity: qtyToInvoice(env, l),
          price_unit: l.price_unit,
          discount: 0,
          tax_ids: [
            [6, 0, (l[env.profile.version >= 19 ? 'tax_ids' : 'taxes_id'] as number[]) ?? []],
          ],
          purchase_line_id: l.id,
        },
      ]),
    },
  ]);
  touch(env, 'purchase.order', [order.id]);
  touch(
    env,
    'purchase.order.line',
    lines.map((l) => l.id),
  );
  return moveId ?? 0;
}

/** `purchase.order.action_create_invoice`: bills the orders waiting for bills, then opens them. */
export function createPurchaseBills(env: Env, ids: number[]): unknown {
  const bills = ids
    .map((id) => getRec(env, 'purchase.order', id) as Rec)
    .filter((order) => invoiceStatus(env, order) === 'to invoice')
    .map((order) => billOrder(env, order));
  if (bills.length === 0) throw userError(NO_LINE);
  return billAction(env, bills);
}

/** Ids of the views `account.action_move_in_invoice_type` names (this database's). */
const VIEWS = { action: 240, form: 728, tree: 726, search: 735 };

const HELP = `<p class="o_view_nocontent_smiling_face">
                Create a vendor bill
              </p><p>
                Create invoices, register payments and keep track of the discussions with your vendors.
              </p>
            `;

/**
 * `purchase.order.action_view_invoice`: the whole `account.action_move_in_invoice_type` window
 * action as `_for_xml_id` reads it (its context stays the XML's string), opened on the bill when
 * there is one.
 */
export function billAction(env: Env, bills: number[]): unknown {
  if (bills.length === 0) return { type: 'ir.actions.act_window_close' };
  const list = env.profile.version >= 18 ? 'list' : 'tree';
  const views: unknown[][] = [
    [VIEWS.tree, list],
    [false, 'kanban'],
    [VIEWS.form, 'form'],
    [false, 'activity'],
  ];
  const action = {
    id: VIEWS.action,
    name: 'Bills',
    type: 'ir.actions.act_window',
    xml_id: 'account.action_move_in_invoice_type',
    help: HELP,
    binding_model_id: false,
    binding_type: 'action',
    binding_view_types: 'list,form',
    display_name: 'Bills',
    view_id: [VIEWS.tree, 'account.out.invoice.tree'],
    domain: "[('move_type', '=', 'in_invoice')]",
    context: "{'default_move_type': 'in_invoice', 'display_account_trust': True}",
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
  return movesAction(action, views, VIEWS.form, bills);
}

/** `action_view_invoice` without arguments: the order's bills. */
export function viewPurchaseBills(env: Env, ids: number[]): unknown {
  return billAction(
    env,
    ids.flatMap((id) => purchaseBills(env, id)),
  );
}
