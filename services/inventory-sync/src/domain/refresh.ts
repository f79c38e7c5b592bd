import type { ImportedLine } from '@o2c/contracts';
import type { Catalogue } from './catalogue';
import { DomainError } from './errors';
import type { HeldLine } from './release';
import type { ReservationLine } from './reserve';
import type { StockMove } from './stock';
import { baseUomOfSku, roundQty, toBase } from './units';

/** A line of an imported order as Odoo last described it (price unknown for older imports). */
export interface KnownLine {
  lineNo: number;
  sku: string;
  quantity: number;
  uom: string;
  unitPriceMinor: number | null;
  deliveredQuantity: number;
}

/** What inventory-sync holds of an order an OrderImported names. */
export interface KnownOrder {
  orderId: string;
  /** Null: the order came through the platform (OrderAccepted), it was never imported. */
  importedAt: number | null;
  state: string;
  warehouseCode: string | null;
  lines: readonly KnownLine[];
  /** The open reservation of what Odoo had not delivered, if something is still held. */
  held: { reservationId: string; lines: readonly HeldLine[] } | undefined;
}

export type RefreshDecision =
  | { kind: 'stale' }
  | {
      kind: 'refresh';
      /** Newly delivered per line: a consumed reservation, no on-hand move. */
      delivered: ReservationLine[];
      /** The held reservation's lines after the refresh (a line at 0 is gone). */
      held: HeldLine[];
      /** Reserved down by what left the held part; on-hand untouched (Odoo counted it out). */
      moves: StockMove[];
      lines: KnownLine[];
      state: 'active' | 'completed';
    };

const refuse = (code: 'IMPORT_LINES_CHANGED' | 'IMPORT_DELIVERY_DECREASED', why: string) => {
  throw new DomainError(code, why);
};

function sameLines(orderId: string, known: readonly KnownLine[], next: readonly ImportedLine[]) {
  const byNo = new Map(known.map((l) => [l.lineNo, l]));
  const nextNos = next.map((l) => l.lineNo).sort((a, b) => a - b);
  const knownNos = [...byNo.keys()].sort((a, b) => a - b);
  if (nextNos.join(',') !== knownNos.join(','))
    refuse(
      'IMPORT_LINES_CHANGED',
      `order ${orderId}: lines ${knownNos.join(',')} were imported, the refresh has ${nextNos.join(',')}`,
    );
  for (const n of next) {
    const k = byNo.get(n.lineNo);
    if (!k) continue;
    const fields = [
      ['sku', k.sku, n.sku],
      ['quantity', k.quantity, n.quantity],
      ['uom', k.uom, n.uom],
      ['unitPriceMinor', k.unitPriceMinor ?? n.unitPriceMinor, n.unitPriceMinor],
    ] as const;
    for (const [field, was, now] of fields) {
      if (was !== now)
        refuse(
          'IMPORT_LINES_CHANGED',
          `order ${orderId} line ${n.lineNo}: ${field} was ${was}, the refresh has ${now}`,
        );
    }
    if (n.deliveredQuantity < k.deliveredQuantity)
      refuse(
        'IMPORT_DELIVERY_DECREASED',
        `order ${orderId} line ${n.lineNo}: delivered ${k.deliveredQuantity} was imported, the refresh has ${n.deliveredQuantity}`,
      );
  }
}

/**
 * A later OrderImported of an order imported before. Not newer than the last applied: nothing
 * (an older snapshot never rolls back). Newer: the lines must be the same and delivered only
 * grows; what Odoo delivered since leaves the held reservation (reserved down, on-hand as is: its
 * quants already lack it) and is recorded as consumed. Nothing held any more: completed.
 */
export function decideRefresh(
  known: KnownOrder,
  order: { importedAt: number; lines: readonly ImportedLine[] },
  consumedReservationId: string,
  cat: Catalogue,
): RefreshDecision {
  if (known.importedAt === null)
    throw new DomainError(
      'NOT_IMPORTED',
      `order ${known.orderId} was accepted through the platform, not imported: OrderImported refused`,
    );
  if (order.importedAt <= known.importedAt) return { kind: 'stale' };
  if (known.state === 'cancelled')
    throw new DomainError(
      'IMPORT_CANCELLED',
      `order ${known.orderId} is cancelled on the platform: Odoo's later state is not applied`,
    );
  sameLines(known.orderId, known.lines, order.lines);

  const warehouseCode = known.warehouseCode ?? '';
  const was = new Map(known.lines.map((l) => [l.lineNo, l.deliveredQuantity]));
  const heldByNo = new Map((known.held?.lines ?? []).map((l) => [l.lineNo, l]));
  const delivered: ReservationLine[] = [];
  const held: HeldLine[] = [];
  const moves: StockMove[] = [];
  for (const line of order.lines) {
    const baseUom = baseUomOfSku(cat, line.sku, line.uom);
    const more = roundQty(line.deliveredQuantity - (was.get(line.lineNo) ?? 0));
    const h = heldByNo.get(line.lineNo);
    const taken = Math.min(more, h?.quantity ?? 0);
    const takenBase = toBase(cat, taken, line.uom, baseUom);
    if (h && roundQty(h.quantity - taken) > 0)
      held.push({
        ...h,
        quantity: roundQty(h.quantity - taken),
        baseQuantity: roundQty(h.baseQuantity - takenBase),
      });
    if (more <= 0) continue;
    delivered.push({
      lineNo: line.lineNo,
      orderedSku: line.sku,
      sku: line.sku,
      quantity: more,
      uom: line.uom,
      baseQuantity: toBase(cat, more, line.uom, baseUom),
      substituted: false,
    });
    if (h && takenBase > 0)
      moves.push({
        sku: h.sku,
        warehouseCode,
        onHandDelta: 0,
        reservedDelta: -takenBase,
        cause: 'dispatch',
        key: `import-delivery:${consumedReservationId}:${line.lineNo}:${h.sku}`,
      });
  }
  return {
    kind: 'refresh',
    delivered,
    held,
    moves,
    lines: order.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      quantity: l.quantity,
      uom: l.uom,
      unitPriceMinor: l.unitPriceMinor,
      deliveredQuantity: l.deliveredQuantity,
    })),
    state: held.length > 0 ? 'active' : 'completed',
  };
}
