import { userError } from '../errors';
import { byField, getRec } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, writeRecords } from '../orm/write';

const REVERSED_TYPE: Record<string, string> = {
  out_invoice: 'out_refund',
  in_invoice: 'in_refund',
  out_refund: 'out_invoice',
  in_refund: 'in_invoice',
};

/** `default_get` of account.move.reversal: the active posted moves, the refund method on 16. */
export function reversalDefaults(env: Env): Record<string, unknown> {
  const active =
    env.context.active_model === 'account.move' && Array.isArray(env.context.active_ids)
      ? (env.context.active_ids as number[])
      : [];
  if (active.some((id) => getRec(env, 'account.move', id)?.state !== 'posted'))
    throw userError('You can only reverse posted moves.');
  const defaults: Record<string, unknown> = {
    move_ids: [[6, 0, active]],
    date: env.now.slice(0, 10),
  };
  if (env.profile.version === 16) {
    const single = active.length === 1 ? getRec(env, 'account.move', active[0]!) : undefined;
    defaults.refund_method = single && single.move_type !== 'entry' ? 'refund' : 'cancel';
  }
  return defaults;
}

/**
 * `_reverse_moves` for invoices: a draft credit note per move with the same product lines
 * (the sale module keeps their sale_line_ids, so the order's invoiced quantities go down once it
 * is posted), `reversed_entry_id` on the original and Odoo's "Reversal of: …" reference.
 */
function reverseMove(env: Env, move: Rec, wizard: Rec): number {
  const moveType = REVERSED_TYPE[String(move.move_type)];
  if (!moveType) throw userError('odoo-sim only reverses invoices and credit notes.');
  const date =
    wizard.date_mode === 'entry'
      ? (move.date as string)
      : (wizard.date as string) || env.now.slice(0, 10);
  const lines = byField(env, 'account.move.line', 'move_id', move.id).filter(
    (l) => (l.display_type ?? 'product') === 'product',
  );
  const [id] = createRecords(env, 'account.move', [
    {
      move_type: moveType,
      partner_id: move.partner_id,
      invoice_origin: move.invoice_origin,
      currency_id: move.currency_id,
      ref: wizard.reason
        ? `Reversal of: ${String(move.name)}, ${wizard.reason as string}`
        : `Reversal of: ${String(move.name)}`,
      date,
      invoice_date: date,
      invoice_date_due: date,
      reversed_entry_id: move.id,
      journal_id: wizard.journal_id || move.journal_id,
      invoice_line_ids: lines.map((l) => [
        0,
        0,
        {
          product_id: l.product_id,
          name: l.name,
          quantity: l.quantity,
          price_unit: l.price_unit,
          discount: l.discount ?? 0,
          product_uom_id: l.product_uom_id,
          tax_ids: [[6, 0, (l.tax_ids as number[] | undefined) ?? []]],
          sale_line_ids: [[6, 0, (l.sale_line_ids as number[] | undefined) ?? []]],
        },
      ]),
    },
  ]);
  return id!;
}

/**
 * `reverse_moves` (16, refund_method "refund") and `refund_moves` (17+): draft credit notes,
 * then the window action Odoo returns (res_id when there is one).
 */
export function refundMoves(env: Env, wizardIds: number[], isModify = false): unknown {
  const created: number[] = [];
  for (const wizardId of wizardIds) {
    const wizard = getRec(env, 'account.move.reversal', wizardId) as Rec;
    const method =
      env.profile.version === 16 ? wizard.refund_method : isModify ? 'modify' : 'refund';
    if (method !== 'refund')
      throw userError(
        'odoo-sim only simulates credit notes left in draft (refund_moves / refund_method "refund").',
      );
    const ids = ((wizard.move_ids as number[] | undefined) ?? []).map((id) =>
      reverseMove(env, getRec(env, 'account.move', id) as Rec, wizard),
    );
    writeRecords(env, 'account.move.reversal', [wizardId], { new_move_ids: [[6, 0, ids]] });
    created.push(...ids);
  }
  const action = {
    name: 'Reverse Moves',
    type: 'ir.actions.act_window',
    res_model: 'account.move',
  };
  return created.length === 1
    ? {
        ...action,
        view_mode: 'form',
        res_id: created[0],
        context: { default_move_type: 'out_refund' },
      }
    : {
        ...action,
        view_mode: env.profile.version >= 18 ? 'list,form' : 'tree,form',
        domain: [['id', 'in', created]],
      };
}
