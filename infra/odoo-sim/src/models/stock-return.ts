import { userError } from '../errors';
import { movedQuantity } from '../flows/done';
import { assignPickings, pickingMoves } from '../flows/reserve';
import { bool, float, m2o, o2m } from '../orm/fields';
import { allRecs, byField, getRec, str } from '../orm/records';
import type { Env, ModelDef, Rec, Vals } from '../orm/types';
import { createRecords } from '../orm/write';

/** What a done move can still give back: moved, less its live returns (Odoo 17's default line). */
function returnable(env: Env, move: Rec): number {
  const returned = byField(env, 'stock.move', 'origin_returned_move_id', move.id)
    .filter((m) => m.state !== 'cancel')
    .reduce((s, m) => s + (m.product_uom_qty as number), 0);
  return Math.max(0, movedQuantity(env, move) - returned);
}

/** default_get from the context's picking (`active_id`): one line per done move of it. */
function prepareWizard(env: Env, vals: Vals): Vals {
  const pickingId =
    vals.picking_id ??
    (env.context.active_model === 'stock.picking' ? env.context.active_id : undefined);
  const picking =
    typeof pickingId === 'number' ? getRec(env, 'stock.picking', pickingId) : undefined;
  if (!picking) return vals;
  if (picking.state !== 'done') throw userError('You may only return Done pickings.');
  const lines = pickingMoves(env, picking.id)
    .filter((m) => m.state === 'done')
    .map((m) => [
      0,
      0,
      {
        product_id: m.product_id,
        quantity: returnable(env, m),
        move_id: m.id,
        uom_id: m.product_uom,
        to_refund: true,
      },
    ]);
  return {
    picking_id: picking.id,
    location_id: picking.location_id,
    ...(vals.product_return_moves === undefined ? { product_return_moves: lines } : {}),
    ...vals,
  };
}

/** The warehouse's receipt type takes returns of its deliveries. */
function returnType(env: Env, picking: Rec): number {
  const type = getRec(env, 'stock.picking.type', picking.picking_type_id as number);
  return (
    allRecs(env, 'stock.picking.type').find(
      (t) => t.warehouse_id === type?.warehouse_id && t.code === 'incoming',
    )?.id ?? (picking.picking_type_id as number)
  );
}

/**
 * `create_returns`: a return picking (confirmed and assigned) of the lines' quantities, back
 * from where the delivery went, linked to it (`return_id`) and to the sale lines (`to_refund`):
 * the sale order's delivered quantity goes down once it is done. Answers the picking's action.
 */
function createReturns(env: Env, ids: number[]): unknown {
  const wizard = getRec(env, 'stock.return.picking', ids[0] ?? 0) as Rec;
  const picking = getRec(env, 'stock.picking', wizard.picking_id as number) as Rec;
  const lines = byField(env, 'stock.return.picking.line', 'wizard_id', wizard.id).filter(
    (l) => (l.quantity as number) > 0,
  );
  if (lines.length === 0) throw userError('Please specify at least one non-zero quantity.');
  const from = picking.location_dest_id;
  const to = wizard.location_id || picking.location_id;
  const typeId = returnType(env, picking);
  const [returnId] = createRecords(env, 'stock.picking', [
    {
      picking_type_id: typeId,
      partner_id: picking.partner_id,
      location_id: from,
      location_dest_id: to,
      origin: `Return of ${str(picking.name)}`,
      return_id: picking.id,
      sale_id: picking.sale_id,
      company_id: picking.company_id,
    },
  ]);
  createRecords(
    env,
    'stock.move',
    lines.map((l) => {
      const move = getRec(env, 'stock.move', l.move_id as number);
      return {
        name: str(move?.name ?? 'Return'),
        product_id: l.product_id,
        product_uom_qty: l.quantity,
        product_uom: l.uom_id || move?.product_uom || 1,
        location_id: from,
        location_dest_id: to,
        picking_id: returnId,
        picking_type_id: typeId,
        partner_id: picking.partner_id,
        origin_returned_move_id: l.move_id,
        sale_line_id: l.to_refund ? (move?.sale_line_id ?? false) : false,
        origin: `Return of ${str(picking.name)}`,
        state: 'confirmed',
      };
    }),
  );
  assignPickings(env, [returnId ?? 0]);
  return {
    name: 'Returned Picking',
    view_mode: 'form,tree,calendar',
    res_model: 'stock.picking',
    res_id: returnId,
    type: 'ir.actions.act_window',
    context: env.context,
  };
}

/** stock.return.picking, Odoo's "Return" button on a done transfer, and its lines. */
export function stockReturnModels(): ModelDef[] {
  return [
    {
      name: 'stock.return.picking',
      description: 'Return Picking',
      order: 'id',
      transient: true,
      fields: {
        picking_id: m2o('stock.picking', 'Picking'),
        product_return_moves: o2m('stock.return.picking.line', 'wizard_id', 'Moves'),
        location_id: m2o('stock.location', 'Return Location'),
      },
      prepare: prepareWizard,
      methods: { create_returns: { params: [], run: (env, ids) => createReturns(env, ids) } },
    },
    {
      name: 'stock.return.picking.line',
      description: 'Return Picking Line',
      order: 'id',
      transient: true,
      fields: {
        product_id: m2o('product.product', 'Product', { required: true }),
        quantity: float('Quantity'),
        uom_id: m2o('uom.uom', 'Unit of Measure'),
        wizard_id: m2o('stock.return.picking', 'Wizard', { ondelete: 'cascade' }),
        move_id: m2o('stock.move', 'Move'),
        to_refund: bool('Update quantities on SO/PO', { default: true }),
      },
    },
  ];
}
