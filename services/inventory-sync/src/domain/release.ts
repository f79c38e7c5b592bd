import type { StockMove } from './stock';

/** A reservation line as stored: what was promised, in the line's uom and in base units. */
export interface HeldLine {
  lineNo: number;
  sku: string;
  quantity: number;
  uom: string;
  baseQuantity: number;
}

export interface HeldReservation {
  reservationId: string;
  warehouseCode: string;
  state: 'open' | 'consumed' | 'released';
  lines: readonly HeldLine[];
}

/** Releasing gives the reserved stock back to ATP; only an open reservation can be released. */
export function decideRelease(r: HeldReservation): StockMove[] {
  if (r.state !== 'open') return [];
  return r.lines.map((l) => ({
    sku: l.sku,
    warehouseCode: r.warehouseCode,
    onHandDelta: 0,
    reservedDelta: -l.baseQuantity,
    cause: 'release',
    key: `release:${r.reservationId}:${l.lineNo}:${l.sku}`,
  }));
}

/** The goods left with the carrier: no longer reserved, no longer on hand. Once only. */
export function decideConsume(r: HeldReservation, shipmentId: string): StockMove[] {
  if (r.state !== 'open') return [];
  return r.lines.map((l) => ({
    sku: l.sku,
    warehouseCode: r.warehouseCode,
    onHandDelta: -l.baseQuantity,
    reservedDelta: -l.baseQuantity,
    cause: 'dispatch',
    key: `dispatch:${shipmentId}:${l.lineNo}:${l.sku}`,
  }));
}
