import { byField, getRec } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, touch, unlinkRecords, writeRecords } from '../orm/write';
import { adjustQuant, isInternal } from './quants';
import {
  assignPickings,
  pickingMoves,
  syncPickingState,
  triggerAssign,
  unreserveMove,
} from './reserve';

const COPY_MOVE = [
  'name',
  'product_id',
  'product_uom',
  'location_id',
  'location_dest_id',
  'picking_type_id',
  'partner_id',
  'sale_line_id',
  'purchase_line_id',
  'origin',
  'sequence',
  'date_deadline',
];

/** The quantity a move will be done with: picked `quantity` (17+) or `quantity_done` (16). */
export function doneQuantity(env: Env, move: Rec, anyPicked: boolean): number {
  if (env.profile.moveQtyField === 'quantity_done')
    return (move.quantity_done as number | undefined) ?? 0;
  if (anyPicked && move.picked !== true) return 0;
  return (move.quantity as number | undefined) ?? 0;
}

function splitRemainder(
  env: Env,
  move: Rec,
  remaining: number,
  state: string,
  pickingId: number | false,
): number {
  const vals: Record<string, unknown> = { product_uom_qty: remaining, picking_id: pickingId };
  for (const f of COPY_MOVE) vals[f] = move[f] ?? false;
  const [id] = createRecords(env, 'stock.move', [vals]);
  const rec = getRec(env, 'stock.move', id ?? 0) as Rec;
  rec.state = state;
  return rec.id;
}

function createBackorder(env: Env, picking: Rec): number {
  const [id] = createRecords(env, 'stock.picking', [
    {
      picking_type_id: picking.picking_type_id,
      partner_id: picking.partner_id,
      location_id: picking.location_id,
      location_dest_id: picking.location_dest_id,
      origin: picking.origin,
      sale_id: picking.sale_id,
      purchase_id: picking.purchase_id,
      carrier_id: picking.carrier_id,
      scheduled_date: picking.scheduled_date,
      backorder_id: picking.id,
    },
  ]);
  return id ?? 0;
}

/**
 * What a done move moved. 17+ keep the demand (`product_uom_qty`) on a move done short without a
 * backorder and record the shipped `quantity`; 16 rewrites the demand to what was done.
 */
export function movedQuantity(env: Env, move: Rec): number {
  return env.profile.moveQtyField === 'quantity'
    ? ((move.quantity as number | undefined) ?? 0)
    : (move.product_uom_qty as number);
}

function dropMoveLines(env: Env, moveId: number): void {
  const lines = byField(env, 'stock.move.line', 'move_id', moveId);
  unlinkRecords(
    env,
    'stock.move.line',
    lines.map((l) => l.id),
  );
}

/** `_action_done`: books done quantities into quants, splits the rest into a backorder or cancels it. */
export function actionDone(env: Env, pickingIds: number[], cancelBackorderFor: Set<number>): void {
  const backorders: number[] = [];
  const toBackorder: Rec[] = [];
  const arrived: Rec[] = [];
  for (const pickingId of pickingIds) {
    const picking = getRec(env, 'stock.picking', pickingId) as Rec;
    const moves = pickingMoves(env, pickingId).filter(
      (m) => m.state !== 'done' && m.state !== 'cancel',
    );
    const anyPicked = moves.some((m) => m.picked === true);
    let backorderId: number | undefined;
    // 17 (observed): no backorder → the short move stays as is (demand kept, no cancelled split)
    const keepDemand = cancelBackorderFor.has(pickingId) && env.profile.version >= 17;
    // 17+ (observed): a backorder takes the untouched moves themselves (same ids), after the splits
    const moveWhole = !cancelBackorderFor.has(pickingId) && env.profile.version >= 17;
    for (const move of moves) {
      const done = doneQuantity(env, move, anyPicked);
      const remaining = (move.product_uom_qty as number) - done;
      unreserveMove(env, move);
      if (done <= 0 && moveWhole && remaining > 0) {
        backorderId ??= createBackorder(env, picking);
        toBackorder.push(move);
        continue;
      }
      if (remaining > 0 && !keepDemand) {
        if (cancelBackorderFor.has(pickingId))
          splitRemainder(env, move, remaining, 'cancel', pickingId);
        else {
          backorderId ??= createBackorder(env, picking);
          splitRemainder(env, move, remaining, 'confirmed', backorderId);
        }
      }
      if (done <= 0) {
        writeRecords(env, 'stock.move', [move.id], {
          state: 'cancel',
          ...(keepDemand ? {} : { product_uom_qty: 0 }),
          ...(env.profile.moveQtyField === 'quantity' ? { quantity: 0, picked: false } : {}),
        });
        dropMoveLines(env, move.id);
        continue;
      }
      if (isInternal(env, move.location_id))
        adjustQuant(env, move.product_id as number, move.location_id as number, -done);
      if (isInternal(env, move.location_dest_id))
        adjustQuant(env, move.product_id as number, move.location_dest_id as number, done);
      const qtyVals =
        env.profile.moveQtyField === 'quantity'
          ? { quantity: done, picked: true }
          : { quantity_done: done };
      writeRecords(env, 'stock.move', [move.id], {
        ...qtyVals,
        // 17+ (observed): a move done over its demand keeps the demand (no extra move merged in)
        ...(keepDemand
          ? {}
          : {
              product_uom_qty:
                env.profile.version >= 17
                  ? Math.min(done, move.product_uom_qty as number)
                  : Math.max(done, 0),
            }),
        state: 'done',
        date: env.now,
      });
      touchSources(env, move);
    }
    for (const move of toBackorder.splice(0)) {
      dropMoveLines(env, move.id);
      const qty = env.profile.moveQtyField === 'quantity' ? { quantity: 0, picked: false } : {};
      writeRecords(env, 'stock.move', [move.id], {
        picking_id: backorderId,
        state: 'confirmed',
        ...qty,
      });
    }
    writeRecords(env, 'stock.picking', [pickingId], { date_done: env.now });
    syncPickingState(env, pickingId);
    if (backorderId !== undefined) backorders.push(backorderId);
    const code = getRec(env, 'stock.picking.type', picking.picking_type_id as number)?.code;
    if (code === 'incoming' || code === 'internal')
      arrived.push(...pickingMoves(env, pickingId).filter((m) => m.state === 'done'));
  }
  assignPickings(env, backorders);
  triggerAssign(env, arrived);
}

/** qty_delivered / qty_received and the order statuses are stored computes: their write_date moves. */
function touchSources(env: Env, move: Rec): void {
  if (typeof move.sale_line_id === 'number') {
    touch(env, 'sale.order.line', [move.sale_line_id]);
    const line = getRec(env, 'sale.order.line', move.sale_line_id);
    if (line) touch(env, 'sale.order', [line.order_id as number]);
    env.events.push({
      model: 'sale.order',
      id: (line?.order_id as number) ?? 0,
      kind: 'write',
      fields: ['delivery_status'],
      before: {},
    });
  }
  if (typeof move.purchase_line_id === 'number') {
    touch(env, 'purchase.order.line', [move.purchase_line_id]);
    const line = getRec(env, 'purchase.order.line', move.purchase_line_id);
    if (line) touch(env, 'purchase.order', [line.order_id as number]);
  }
}
