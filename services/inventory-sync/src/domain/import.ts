import type { ImportedLine } from '@o2c/contracts';
import type { Catalogue } from './catalogue';
import { reserveMove, type ReservationLine } from './reserve';
import type { StockMove } from './stock';
import { baseUomOfSku, roundQty, toBase } from './units';

export interface ImportDecision {
  /** What Odoo has not delivered yet: an open reservation, against ATP even beyond on-hand. */
  held: ReservationLine[];
  /** What Odoo delivered: a consumed reservation, no move (Odoo's quants already count it out). */
  delivered: ReservationLine[];
  moves: StockMove[];
  state: 'active' | 'completed';
}

const part = (line: ImportedLine, quantity: number, baseQuantity: number): ReservationLine => ({
  lineNo: line.lineNo,
  orderedSku: line.sku,
  sku: line.sku,
  quantity,
  uom: line.uom,
  baseQuantity,
  substituted: false,
});

/**
 * An order imported as Odoo holds it: each line holds quantity − delivered of its own SKU (no
 * substitute, no backorder, whatever ATP is: Odoo promised it) and records delivered as consumed.
 * Every line's unit is converted, so an unknown or foreign unit refuses the whole order.
 */
export function decideImport(
  order: { warehouseCode: string; lines: readonly ImportedLine[] },
  heldReservationId: string,
  cat: Catalogue,
): ImportDecision {
  const held: ReservationLine[] = [];
  const delivered: ReservationLine[] = [];
  for (const line of order.lines) {
    const baseUom = baseUomOfSku(cat, line.sku, line.uom);
    const done = Math.max(0, line.deliveredQuantity);
    const open = Math.max(0, roundQty(line.quantity - done));
    const openBase = toBase(cat, open, line.uom, baseUom);
    const doneBase = toBase(cat, done, line.uom, baseUom);
    if (open > 0) held.push(part(line, open, openBase));
    if (done > 0) delivered.push(part(line, done, doneBase));
  }
  return {
    held,
    delivered,
    moves: held.map((r) => reserveMove(order.warehouseCode, heldReservationId, r)),
    state: held.length > 0 ? 'active' : 'completed',
  };
}
