import { roundQty } from './units';

/**
 * One of our dispatches from a position, in base units. Once the adapter reported its delivery
 * validated in Odoo: `validatedAt`, the validation's write date (whole seconds), and `seenAt`,
 * when the adapter saw it (its clock; `null` from before it said); both `null` before.
 */
export interface LaggingDispatch {
  shipmentId: string;
  quantity: number;
  validatedAt: number | null;
  seenAt: number | null;
}

/**
 * An Odoo stock figure: its write date (whole seconds) and when the adapter started reading it
 * (the adapter's clock; `null` from an adapter that did not say).
 */
export interface OdooFigure {
  odooWriteDate: number | null;
  readAt: number | null;
}

/**
 * Whether Odoo's figure already counts the dispatch out. A figure written in a later second than
 * the validation does. One written in the same second may have been written just before it (a
 * reservation rewrites the quant too): it does only if read after the adapter saw the validation.
 * Without both read times, the same second counts it out, as before the adapter gave them.
 */
export const inOdooFigure = (d: LaggingDispatch, f: OdooFigure) => {
  if (d.validatedAt === null || f.odooWriteDate === null) return false;
  if (d.validatedAt !== f.odooWriteDate) return d.validatedAt < f.odooWriteDate;
  return d.seenAt === null || f.readAt === null || f.readAt >= d.seenAt;
};

/**
 * Whether `f` is older than the figure a position last applied: written in an earlier second, or
 * in the same second and read before it.
 */
export const isStaleFigure = (last: OdooFigure, f: OdooFigure) =>
  last.odooWriteDate !== null &&
  f.odooWriteDate !== null &&
  (f.odooWriteDate < last.odooWriteDate ||
    (f.odooWriteDate === last.odooWriteDate &&
      last.readAt !== null &&
      f.readAt !== null &&
      f.readAt < last.readAt));

/**
 * What Odoo's figure still holds of our dispatches (shipped but not yet counted out there):
 * subtracted from Odoo's on-hand, so Odoo's lag never makes it available again.
 */
export const unconfirmedQuantity = (dispatches: readonly LaggingDispatch[], f: OdooFigure) =>
  roundQty(dispatches.filter((d) => !inOdooFigure(d, f)).reduce((s, d) => s + d.quantity, 0));
