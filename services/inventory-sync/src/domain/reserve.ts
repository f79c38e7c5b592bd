import type { OrderLine } from '@o2c/contracts';
import { substituteOf, type Catalogue } from './catalogue';
import type { StockMove } from './stock';
import { baseUomOfSku, fitIn, roundQty, toBase } from './units';

/** A reserved quantity of one order line, in the line's uom, with its base-unit equivalent. */
export interface ReservationLine {
  lineNo: number;
  orderedSku: string;
  sku: string;
  quantity: number;
  uom: string;
  baseQuantity: number;
  substituted: boolean;
}

export interface BackorderLine {
  lineNo: number;
  sku: string;
  quantity: number;
  uom: string;
  substitutionAllowed: boolean;
}

export interface ReserveDecision {
  reserved: ReservationLine[];
  backordered: BackorderLine[];
  moves: StockMove[];
}

/** Available-to-promise per SKU in one warehouse, in base units; the decision draws it down. */
export type AtpBook = Map<string, number>;

/** Takes up to `wanted` (line uom) of `sku` from the book; returns the line reserved, if any. */
export function take(
  cat: Catalogue,
  book: AtpBook,
  line: { lineNo: number; orderedSku: string; uom: string },
  sku: string,
  wanted: number,
): ReservationLine | undefined {
  const baseUom = baseUomOfSku(cat, sku, line.uom);
  const quantity = Math.min(wanted, fitIn(cat, book.get(sku) ?? 0, line.uom));
  if (quantity <= 0) return undefined;
  const baseQuantity = toBase(cat, quantity, line.uom, baseUom);
  book.set(sku, roundQty((book.get(sku) ?? 0) - baseQuantity));
  return { ...line, sku, quantity, baseQuantity, substituted: sku !== line.orderedSku };
}

export const reserveMove = (
  warehouseCode: string,
  reservationId: string,
  r: ReservationLine,
): StockMove => ({
  sku: r.sku,
  warehouseCode,
  onHandDelta: 0,
  reservedDelta: r.baseQuantity,
  cause: 'reservation',
  key: `reserve:${reservationId}:${r.lineNo}:${r.sku}`,
});

/**
 * Per line: min(ATP, quantity) of the ordered SKU; if short and the line allows it, the rest from
 * the SKU's substitute; what is still missing is backordered. Lines draw on one shared book, so
 * two lines of one SKU never promise the same stock twice.
 */
export function decideReserve(
  order: { warehouseCode: string; lines: readonly OrderLine[] },
  book: AtpBook,
  reservationId: string,
  cat: Catalogue,
): ReserveDecision {
  const reserved: ReservationLine[] = [];
  const backordered: BackorderLine[] = [];
  for (const line of order.lines) {
    const ref = { lineNo: line.lineNo, orderedSku: line.sku, uom: line.uom };
    const own = take(cat, book, ref, line.sku, line.quantity);
    let missing = roundQty(line.quantity - (own?.quantity ?? 0));
    if (own) reserved.push(own);
    const substitute = substituteOf(cat, line.sku);
    if (missing > 0 && line.substitutionAllowed && substitute) {
      const sub = take(cat, book, ref, substitute, missing);
      if (sub) reserved.push(sub);
      missing = roundQty(missing - (sub?.quantity ?? 0));
    }
    if (missing > 0) {
      backordered.push({
        lineNo: line.lineNo,
        sku: line.sku,
        quantity: missing,
        uom: line.uom,
        substitutionAllowed: line.substitutionAllowed,
      });
    }
  }
  const moves = reserved.map((r) => reserveMove(order.warehouseCode, reservationId, r));
  return { reserved, backordered, moves };
}
