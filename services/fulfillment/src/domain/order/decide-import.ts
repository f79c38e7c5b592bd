import type { OrderImported } from '@o2c/contracts';
import type { Line } from '../shipment/types';
import type { ByLine } from './order-progress';

/** IMPORTED: open in Odoo, the path that wrote the order there finishes it. */
export type ImportedState = 'IMPORTED' | 'COMPLETED';

/** An order bootstrap imported from Odoo, as Odoo holds it: no saga ever runs for it. */
export interface ImportedOrder {
  orderId: string;
  channelCode: string;
  channelOrderRef: string;
  warehouseCode: string;
  lines: Line[];
  shippedByLine: ByLine;
  /** Outgoing deliveries Odoo validated. */
  deliveries: number;
  state: ImportedState;
}

// Odoo's quantities are floats: a rounding difference is not an open line.
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/**
 * COMPLETED when every line is fully delivered and invoiced exactly as delivered, otherwise
 * IMPORTED. What Odoo delivered counts as shipped (lines with a delivery only).
 */
export function decideImport(e: OrderImported): ImportedOrder {
  const done = e.lines.every(
    (l) =>
      (l.deliveredQuantity > l.quantity || same(l.deliveredQuantity, l.quantity)) &&
      same(l.invoicedQuantity, l.deliveredQuantity),
  );
  return {
    orderId: e.orderId,
    channelCode: e.channelCode,
    channelOrderRef: e.channelOrderRef,
    warehouseCode: e.warehouseCode,
    lines: e.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, uom: l.uom })),
    shippedByLine: Object.fromEntries(
      e.lines
        .filter((l) => l.deliveredQuantity > 0)
        .map((l) => [String(l.lineNo), l.deliveredQuantity]),
    ),
    deliveries: e.deliveries,
    state: done ? 'COMPLETED' : 'IMPORTED',
  };
}
