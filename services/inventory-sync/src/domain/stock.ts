import { roundQty } from './units';

/** A stock position in its SKU's base unit. */
export interface Position {
  sku: string;
  warehouseCode: string;
  onHand: number;
  reserved: number;
  uom: string;
}

/** A change of one position, recorded once in the ledger under its business key. */
export interface StockMove {
  sku: string;
  warehouseCode: string;
  onHandDelta: number;
  reservedDelta: number;
  cause: StockCause;
  /** Unique per effect: the ledger refuses the same key twice for one position. */
  key: string;
}

export type StockCause =
  'odoo-stock-move' | 'reservation' | 'release' | 'dispatch' | 'return' | 'reconciliation';

/** What new orders can still get: never below 0. */
export const atpOf = (p: Pick<Position, 'onHand' | 'reserved'> | undefined): number =>
  p ? Math.max(0, roundQty(p.onHand - p.reserved)) : 0;

export const positionKey = (sku: string, warehouseCode: string) => `${sku}@${warehouseCode}`;
