import { roundQty } from './units';

/**
 * One of our dispatches from a position, in base units, with the write date of its delivery's
 * validation in Odoo once the adapter reported it (`null` before).
 */
export interface LaggingDispatch {
  shipmentId: string;
  quantity: number;
  validatedAt: number | null;
}

/**
 * Whether Odoo's stock as of `odooWriteDate` already counts the dispatch out: its delivery was
 * validated at or before that write date (the validation writes its quants with its own
 * transaction time, the write date the adapter reports).
 */
export const inOdooFigure = (d: LaggingDispatch, odooWriteDate: number | null) =>
  d.validatedAt !== null && odooWriteDate !== null && d.validatedAt <= odooWriteDate;

/**
 * What Odoo's figure as of `odooWriteDate` still holds of our dispatches (shipped but not yet
 * validated in Odoo): subtracted from Odoo's on-hand, so Odoo's lag never makes it available again.
 */
export const unconfirmedQuantity = (
  dispatches: readonly LaggingDispatch[],
  odooWriteDate: number | null,
) =>
  roundQty(
    dispatches.filter((d) => !inOdooFigure(d, odooWriteDate)).reduce((s, d) => s + d.quantity, 0),
  );
