import type { ReturnedLine } from '@o2c/contracts';
import type { Catalogue } from './catalogue';
import { isStaleFigure } from './dispatch-lag';
import type { Position, StockMove } from './stock';
import { baseUomOfSku, roundQty, toBase } from './units';

/** Resaleable returned goods go back on hand; damaged ones are written off (no move). */
export function decideReturn(
  ret: { returnId: string; warehouseCode: string; lines: readonly ReturnedLine[] },
  cat: Catalogue,
): StockMove[] {
  return ret.lines
    .filter((l) => l.condition === 'RESALEABLE')
    .map((l) => ({
      sku: l.sku,
      warehouseCode: ret.warehouseCode,
      onHandDelta: toBase(cat, l.quantity, l.uom, baseUomOfSku(cat, l.sku, l.uom)),
      reservedDelta: 0,
      cause: 'return',
      key: `return:${ret.returnId}:${l.lineNo}:${l.sku}`,
    }));
}

export interface OdooQuant {
  sku: string;
  warehouseCode: string;
  quantityOnHand: number;
  uom: string;
  odooWriteDate: number;
  /** When the adapter started reading the figure (its clock), if it said. */
  readAt?: number | null;
}

/** The figure a position last applied. */
export interface LastFigure {
  odooWriteDate: number | null;
  odooReadAt?: number | null;
}

/** Whether `q` is older than the figure the position last applied (see `isStaleFigure`). */
export const isStaleQuant = (position: LastFigure, q: OdooQuant) =>
  isStaleFigure(
    { odooWriteDate: position.odooWriteDate, readAt: position.odooReadAt ?? null },
    { odooWriteDate: q.odooWriteDate, readAt: q.readAt ?? null },
  );

/** Odoo's figure in the SKU's base unit (an unknown SKU keeps Odoo's own unit's base). */
export const odooOnHandInBase = (q: OdooQuant, cat: Catalogue) => {
  const baseUom = baseUomOfSku(cat, q.sku, q.uom);
  return { baseUom, onHand: toBase(cat, q.quantityOnHand, q.uom, baseUom) };
};

/**
 * Odoo is the system of record for on-hand: adopt its figure, unless it is older than the last one
 * applied (a stale update). Odoo's write_date has whole seconds, so two changes in one second
 * share it: a figure of the same second read later, or from an adapter that did not say when it
 * read, is a new fact if its quantity differs (the adapter publishes in order per SKU), a repeat
 * if not. `unconfirmed` is what we dispatched that Odoo's figure still holds.
 */
export function decideQuant(
  position: Pick<Position, 'onHand'> & LastFigure,
  q: OdooQuant,
  cat: Catalogue,
  unconfirmed = 0,
): StockMove | undefined {
  if (isStaleQuant(position, q)) return undefined;
  const onHand = roundQty(odooOnHandInBase(q, cat).onHand - unconfirmed);
  if (position.odooWriteDate === q.odooWriteDate && onHand === position.onHand) return undefined;
  return {
    sku: q.sku,
    warehouseCode: q.warehouseCode,
    onHandDelta: roundQty(onHand - position.onHand),
    reservedDelta: 0,
    cause: 'odoo-stock-move',
    key: `odoo:${q.odooWriteDate}:${q.quantityOnHand}${unconfirmed ? `-${unconfirmed}` : ''}`,
  };
}

export interface Drift {
  sku: string;
  warehouseCode: string;
  expectedOnHand: number;
  odooOnHand: number;
  drift: number;
  uom: string;
}

/**
 * A reconciliation finding: any difference between our on-hand and Odoo's, in base units, Odoo's
 * figure less what it still holds of our dispatches (`unconfirmed`).
 */
export function decideDrift(
  position: Position | undefined,
  q: OdooQuant,
  cat: Catalogue,
  unconfirmed = 0,
): Drift | undefined {
  const { baseUom, onHand } = odooOnHandInBase(q, cat);
  const expected = position?.onHand ?? 0;
  const drift = roundQty(onHand - unconfirmed - expected);
  if (drift === 0) return undefined;
  return {
    sku: q.sku,
    warehouseCode: q.warehouseCode,
    expectedOnHand: expected,
    odooOnHand: onHand,
    drift,
    uom: position?.uom ?? baseUom,
  };
}

export const driftMove = (d: Drift, runId: string): StockMove => ({
  sku: d.sku,
  warehouseCode: d.warehouseCode,
  onHandDelta: d.drift,
  reservedDelta: 0,
  cause: 'reconciliation',
  key: `reconcile:${runId}`,
});

/** Whether a move can make stock available to backorders (on-hand up or reserved down). */
export const raisesAtp = (m: StockMove) => m.onHandDelta > 0 || m.reservedDelta < 0;
