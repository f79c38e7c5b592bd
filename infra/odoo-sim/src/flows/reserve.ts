import { allRecs, getRec, mutableBy } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { touch, writeRecords } from '../orm/write';
import { syncLineFromMove } from './move-lines';
import { isInternal, quantsIn, touchQuant } from './quants';

interface Reservation {
  quant: number;
  qty: number;
}

const reservations = (move: Rec): Reservation[] =>
  (move._reservations as Reservation[] | undefined) ?? [];

export function moveReserved(_env: Env, move: Rec): number {
  if (typeof move._external === 'number') return move._external;
  return reservations(move).reduce((sum, r) => sum + r.qty, 0);
}

export function unreserveMove(env: Env, move: Rec): void {
  for (const r of reservations(move)) {
    const quant = getRec(env, 'stock.quant', r.quant);
    if (!quant) continue;
    quant.reserved_quantity = Math.max(0, (quant.reserved_quantity as number) - r.qty);
    touchQuant(env, quant);
  }
  move._reservations = [];
  delete move._external;
}

function setMoveQuantity(env: Env, move: Rec, qty: number): void {
  if (env.profile.moveQtyField === 'quantity') move.quantity = qty;
}

/** Reserves what the source location can give; non-internal sources are always available. */
export function reserveMove(env: Env, move: Rec): void {
  if (['done', 'cancel', 'draft'].includes(move.state as string)) return;
  const demand = move.product_uom_qty as number;
  if (!isInternal(env, move.location_id)) {
    move._reservations = [];
    move._external = demand;
    setMoveQuantity(env, move, demand);
    move.state = 'assigned';
    syncLineFromMove(env, move);
    touch(env, 'stock.move', [move.id]);
    return;
  }
  delete move._external;
  let need = demand - moveReserved(env, move);
  const list = [...reservations(move)];
  for (const quant of quantsIn(env, move.product_id as number, move.location_id as number)) {
    if (need <= 0) break;
    const free = (quant.quantity as number) - (quant.reserved_quantity as number);
    const take = Math.min(need, free);
    if (take <= 0) continue;
    quant.reserved_quantity = (quant.reserved_quantity as number) + take;
    touchQuant(env, quant);
    list.push({ quant: quant.id, qty: take });
    need -= take;
  }
  move._reservations = list;
  const reserved = moveReserved(env, move);
  setMoveQuantity(env, move, reserved);
  move.state = reserved >= demand ? 'assigned' : reserved > 0 ? 'partially_available' : 'confirmed';
  if (reserved > 0) syncLineFromMove(env, move);
  touch(env, 'stock.move', [move.id]);
}

export function pickingMoves(env: Env, pickingId: number): Rec[] {
  return mutableBy(env, 'stock.move', 'picking_id', pickingId);
}

/** Odoo derives the picking state from its moves (move_type "direct"). */
export function syncPickingState(env: Env, pickingId: number): void {
  const picking = getRec(env, 'stock.picking', pickingId);
  if (!picking) return;
  const states = pickingMoves(env, pickingId).map((m) => m.state as string);
  let state: string;
  if (states.length === 0) state = 'draft';
  else if (states.every((s) => s === 'cancel')) state = 'cancel';
  else if (states.every((s) => s === 'done' || s === 'cancel')) state = 'done';
  else if (states.some((s) => s === 'draft')) state = 'draft';
  else if (states.some((s) => s === 'assigned' || s === 'partially_available')) state = 'assigned';
  else state = 'confirmed';
  if (picking.state !== state) writeRecords(env, 'stock.picking', [pickingId], { state });
}

export function assignPickings(env: Env, pickingIds: number[]): void {
  for (const id of pickingIds) {
    for (const move of pickingMoves(env, id)) {
      if (move.state === 'draft') move.state = 'confirmed';
      reserveMove(env, move);
    }
    syncPickingState(env, id);
  }
}

/**
 * After an incoming or internal transfer is done, Odoo reserves the moves waiting for its products
 * at its destination (`_trigger_assign`): oldest first.
 */
export function triggerAssign(env: Env, doneMoves: Rec[]): void {
  const keys = new Set(
    doneMoves.map((m) => `${String(m.product_id)}@${String(m.location_dest_id)}`),
  );
  if (keys.size === 0) return;
  const waiting = allRecs(env, 'stock.move')
    .filter(
      (m) =>
        (m.state === 'confirmed' || m.state === 'partially_available') &&
        keys.has(`${String(m.product_id)}@${String(m.location_id)}`),
    )
    .sort((a, b) => String(a.date).localeCompare(String(b.date)) || a.id - b.id);
  const pickings = new Set<number>();
  for (const found of waiting) {
    const move = getRec(env, 'stock.move', found.id) as Rec;
    reserveMove(env, move);
    if (typeof move.picking_id === 'number') pickings.add(move.picking_id);
  }
  pickings.forEach((id) => syncPickingState(env, id));
}
