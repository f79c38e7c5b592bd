import { getRec, mutableBy } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords, touch } from '../orm/write';

const linesOf = (env: Env, moveId: number): Rec[] =>
  mutableBy(env, 'stock.move.line', 'move_id', moveId);

/**
 * One detailed operation per move (no lots/packages here): the move's quantity (17+) or
 * quantity_done (16) is mirrored on it, so either side can be written over RPC.
 */
export function syncLineFromMove(env: Env, move: Rec): void {
  if (move.state === 'cancel' || move.state === 'draft') return;
  let [line] = linesOf(env, move.id);
  if (!line) {
    const [id] = createRecords(
      { ...env, context: { ...env.context, __sync: true } },
      'stock.move.line',
      [{ move_id: move.id }],
    );
    line = getRec(env, 'stock.move.line', id ?? 0);
  }
  if (!line) return;
  if (env.profile.moveQtyField === 'quantity') {
    line.quantity = move.quantity ?? 0;
    line.picked = move.picked === true;
  } else {
    line.qty_done = move.quantity_done ?? 0;
  }
  touch(env, 'stock.move.line', [line.id]);
}

export function syncMoveFromLines(env: Env, lineIds: number[]): void {
  if (env.context.__sync === true) return;
  const moveIds = new Set(lineIds.map((id) => getRec(env, 'stock.move.line', id)?.move_id));
  for (const moveId of moveIds) {
    const move = typeof moveId === 'number' ? getRec(env, 'stock.move', moveId) : undefined;
    if (!move) continue;
    const lines = linesOf(env, move.id);
    if (env.profile.moveQtyField === 'quantity') {
      move.quantity = lines.reduce((s, l) => s + ((l.quantity as number | undefined) ?? 0), 0);
      move.picked = lines.some((l) => l.picked === true);
    } else {
      move.quantity_done = lines.reduce((s, l) => s + ((l.qty_done as number | undefined) ?? 0), 0);
    }
    touch(env, 'stock.move', [move.id]);
  }
}
