import { substituteOf, type Catalogue } from './catalogue';
import { take, reserveMove, type AtpBook, type ReservationLine } from './reserve';
import type { StockMove } from './stock';
import { roundQty } from './units';

/** An open backorder line, oldest first as the caller lists them. */
export interface OpenBackorderLine {
  backorderId: string;
  orderId: string;
  lineNo: number;
  sku: string;
  uom: string;
  open: number;
  substitutionAllowed: boolean;
}

export interface OrderFill {
  orderId: string;
  reservationId: string;
  lines: ReservationLine[];
  /** What each touched backorder line still misses after the fill. */
  remaining: Array<{ backorderId: string; lineNo: number; open: number }>;
  moves: StockMove[];
}

/**
 * First come, first served: each open line in order takes what ATP allows of its SKU, then of
 * its substitute if allowed. One new reservation per order that got anything.
 */
export function decideFill(
  warehouseCode: string,
  lines: readonly OpenBackorderLine[],
  book: AtpBook,
  newReservationId: () => string,
  cat: Catalogue,
): OrderFill[] {
  const fills = new Map<string, OrderFill>();
  for (const bo of lines) {
    const ref = { lineNo: bo.lineNo, orderedSku: bo.sku, uom: bo.uom };
    const got: ReservationLine[] = [];
    const own = take(cat, book, ref, bo.sku, bo.open);
    if (own) got.push(own);
    let open = roundQty(bo.open - (own?.quantity ?? 0));
    const substitute = substituteOf(cat, bo.sku);
    if (open > 0 && bo.substitutionAllowed && substitute) {
      const sub = take(cat, book, ref, substitute, open);
      if (sub) got.push(sub);
      open = roundQty(open - (sub?.quantity ?? 0));
    }
    if (got.length === 0) continue;
    const fill = fills.get(bo.orderId) ?? {
      orderId: bo.orderId,
      reservationId: newReservationId(),
      lines: [],
      remaining: [],
      moves: [],
    };
    fill.lines.push(...got);
    fill.remaining.push({ backorderId: bo.backorderId, lineNo: bo.lineNo, open });
    fill.moves.push(...got.map((r) => reserveMove(warehouseCode, fill.reservationId, r)));
    fills.set(bo.orderId, fill);
  }
  return [...fills.values()];
}
