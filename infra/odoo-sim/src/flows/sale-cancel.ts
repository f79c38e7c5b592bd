import { userError } from '../errors';
import { byField, getRec } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { writeRecords } from '../orm/write';
import { pickingMoves, syncPickingState, unreserveMove } from './reserve';
import { orderInvoices } from './sale-compute';

function cancelWizard(env: Env, order: Rec): Record<string, unknown> {
  return {
    name: 'Cancel Sales Order',
    view_mode: 'form',
    res_model: 'sale.order.cancel',
    view_id: false,
    type: 'ir.actions.act_window',
    context: { ...env.context, default_order_id: order.id, mark_so_as_canceled: true },
    target: 'new',
  };
}

/** `_action_cancel`: open deliveries and draft invoices are cancelled, then the order. */
export function doCancel(env: Env, ids: number[]): boolean {
  for (const id of ids) {
    const order = getRec(env, 'sale.order', id) as Rec;
    for (const picking of byField(env, 'stock.picking', 'sale_id', id).filter(
      (p) => p.state !== 'done' && p.state !== 'cancel',
    )) {
      for (const move of pickingMoves(env, picking.id).filter((m) => m.state !== 'done')) {
        unreserveMove(env, move);
        writeRecords(env, 'stock.move', [move.id], { state: 'cancel' });
      }
      syncPickingState(env, picking.id);
    }
    const drafts = orderInvoices(env, order).filter(
      (inv) => getRec(env, 'account.move', inv)?.state === 'draft',
    );
    if (drafts.length > 0) writeRecords(env, 'account.move', drafts, { state: 'cancel' });
    writeRecords(env, 'sale.order', [id], { state: 'cancel' });
  }
  return true;
}

/**
 * 16–18 answer with the sale.order.cancel wizard for a non-draft order unless
 * `disable_cancel_warning` (`_show_cancel_wizard`, since saas-15.4); 19 cancels at once (the
 * email wizard was dropped in saas-18.2, odoo/odoo#184032). Locked orders (17+) are refused first.
 */
export function cancelSaleOrders(env: Env, ids: number[]): unknown {
  const orders = ids.map((id) => getRec(env, 'sale.order', id) as Rec);
  if (orders.some((o) => o.locked === true))
    throw userError('You cannot cancel a locked order. Please unlock it first.');
  if (env.profile.version <= 18 && env.context.disable_cancel_warning !== true) {
    const order = orders.find((o) => o.state !== 'draft');
    if (order) return cancelWizard(env, order);
  }
  return doCancel(env, ids);
}
