import { DomainError } from './errors';
import { productOf, type MasterData } from './master-data';

export interface PickingMove {
  id: number;
  productId: number;
  demand: number;
}

export interface ShippedLine {
  sku: string;
  quantity: number;
}

export interface ValidationPlan {
  /** Quantity to record as done on each move (0 for moves not shipped now). */
  quantities: ReadonlyArray<{ moveId: number; quantity: number }>;
  /** True when something stays to ship later: the remainder becomes a backorder. */
  backorder: boolean;
}

/**
 * Spreads the shipped quantities of each SKU over the picking's moves of that product, in move
 * order. Shipping more than the picking still demands is refused: it would invent stock moves.
 */
export function planValidation(
  moves: readonly PickingMove[],
  shipped: readonly ShippedLine[],
  md: MasterData,
): ValidationPlan {
  const remaining = new Map<number, number>();
  for (const line of shipped) {
    const id = productOf(md, line.sku).id;
    remaining.set(id, (remaining.get(id) ?? 0) + line.quantity);
  }
  let backorder = false;
  const quantities = moves.map((move) => {
    const left = remaining.get(move.productId) ?? 0;
    const quantity = Math.min(left, move.demand);
    remaining.set(move.productId, left - quantity);
    if (quantity < move.demand) backorder = true;
    return { moveId: move.id, quantity };
  });
  for (const [productId, left] of remaining) {
    if (left > 1e-9) {
      const sku = md.productsById.get(productId)?.sku ?? String(productId);
      throw new DomainError(
        'SHIPMENT_EXCEEDS_DEMAND',
        `shipment has ${left} more of ${sku} than the picking demands`,
      );
    }
  }
  return { quantities, backorder };
}
