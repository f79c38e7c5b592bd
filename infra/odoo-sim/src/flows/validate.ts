import { userError } from '../errors';
import { getRec } from '../orm/records';
import { createRecords } from '../orm/write';
import type { Env } from '../orm/types';
import { actionDone, doneQuantity } from './done';
import { syncLineFromMove } from './move-lines';
import { assignPickings, moveReserved, pickingMoves } from './reserve';

/** The wizards' form views (Odoo sends the view it opens; the ids are this database's). */
const WIZARD_VIEW_ID: Record<string, number> = {
  'stock.backorder.confirmation': 1402,
  'stock.immediate.transfer': 1404,
};

function wizardAction(
  env: Env,
  model: string,
  name: string,
  pickingIds: number[],
): Record<string, unknown> {
  return {
    name,
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: model,
    views: [[WIZARD_VIEW_ID[model] ?? false, 'form']],
    view_id: WIZARD_VIEW_ID[model] ?? false,
    target: 'new',
    context: {
      ...env.context,
      button_validate_picking_ids: pickingIds,
      default_show_transfers: false,
      default_pick_ids: pickingIds.map((id) => [4, id]),
    },
  };
}

const ctxIds = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];

/** stock.picking.button_validate: `true`, or the immediate-transfer (16) / backorder wizard action. */
export function buttonValidate(env: Env, pickingIds: number[]): unknown {
  for (const id of pickingIds) {
    const state = getRec(env, 'stock.picking', id)?.state;
    if (state === 'done' || state === 'cancel')
      throw userError('You cannot validate a transfer that is already done or cancelled.');
    if (state === 'draft') assignPickings(env, [id]);
  }
  const v16 = env.profile.moveQtyField === 'quantity_done';
  for (const id of pickingIds) {
    const moves = pickingMoves(env, id).filter((m) => m.state !== 'cancel' && m.state !== 'done');
    if (!v16 && !moves.some((m) => m.picked === true))
      moves.forEach((m) => {
        m.picked = true;
        syncLineFromMove(env, m);
      });
    const nothing = moves.every((m) =>
      v16
        ? !(m.quantity_done as number) && !moveReserved(env, m) && !m._external
        : !(m.quantity as number),
    );
    if (nothing) {
      throw userError(
        v16
          ? 'You cannot validate a transfer if no quantities are reserved nor done. To force the transfer, switch in edit mode and encode the done quantities.'
          : 'You cannot validate a transfer if no quantities are reserved nor done. You can use the info button to register the quantities.',
      );
    }
  }
  if (v16 && env.context.skip_immediate !== true) {
    const immediate = pickingIds.filter((id) =>
      pickingMoves(env, id).every((m) => !(m.quantity_done as number)),
    );
    if (immediate.length > 0)
      return wizardAction(env, 'stock.immediate.transfer', 'Immediate Transfer?', pickingIds);
  }
  const needBackorder = pickingIds.filter((id) => {
    const moves = pickingMoves(env, id).filter((m) => m.state !== 'cancel' && m.state !== 'done');
    const anyPicked = moves.some((m) => m.picked === true);
    return moves.some((m) => doneQuantity(env, m, anyPicked) < (m.product_uom_qty as number));
  });
  const notToBackorder = new Set(ctxIds(env.context.picking_ids_not_to_backorder));
  if (needBackorder.length > 0 && env.context.skip_backorder !== true) {
    return wizardAction(env, 'stock.backorder.confirmation', 'Create Backorder?', pickingIds);
  }
  if (env.profile.modules.has('stock_sms') && env.context.skip_sms !== true) {
    const warn = pickingIds.filter((id) => warnsSms(env, id));
    if (warn.length > 0) return smsWizardAction(env, warn, pickingIds);
  }
  actionDone(env, pickingIds, notToBackorder);
  return true;
}

/**
 * stock_sms `_check_warn_sms`: a delivery to a partner with a phone, while the company's SMS
 * confirmation is on and nobody answered the company's SMS question yet.
 */
function warnsSms(env: Env, pickingId: number): boolean {
  const picking = getRec(env, 'stock.picking', pickingId);
  const company = getRec(env, 'res.company', (picking?.company_id as number) ?? 0);
  const partner = getRec(env, 'res.partner', (picking?.partner_id as number) ?? 0);
  const type = getRec(env, 'stock.picking.type', (picking?.picking_type_id as number) ?? 0);
  return (
    company?.stock_move_sms_validation === true &&
    company.has_received_warning_stock_sms !== true &&
    type?.code === 'outgoing' &&
    Boolean(partner?.mobile || partner?.phone)
  );
}

/** `_action_generate_warn_sms_wizard`: a confirm.stock.sms record and its window action. */
function smsWizardAction(env: Env, warn: number[], pickingIds: number[]) {
  const [wizardId] = createRecords(env, 'confirm.stock.sms', [
    { pick_ids: warn.map((id) => [4, id]) },
  ]);
  return {
    name: 'SMS',
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: 'confirm.stock.sms',
    views: [[SMS_VIEW_ID, 'form']],
    view_id: SMS_VIEW_ID,
    target: 'new',
    res_id: wizardId,
    context: { ...env.context, button_validate_picking_ids: pickingIds },
  };
}

const SMS_VIEW_ID = 1468;

/** Shared by both wizards: without `button_validate_picking_ids` in context they do nothing. */
export function validateFromWizard(env: Env, extra: Record<string, unknown>): unknown {
  const ids = ctxIds(env.context.button_validate_picking_ids);
  if (ids.length === 0) return true;
  return buttonValidate({ ...env, context: { ...env.context, ...extra } }, ids);
}
