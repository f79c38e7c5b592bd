import { DomainError } from './errors';
import { productOf, type MasterData } from './master-data';

/** A sale order line as the amendment needs it; `lineNo` is its `sequence` (our line number). */
export interface SaleLineState {
  id: number;
  lineNo: number;
  productId: number;
  quantity: number;
  /** Demand of the line's moves not yet done or cancelled (the open delivery). */
  openDemand: number;
  priceUnit: number;
  uomId: number | null;
}

export interface ShippedLine {
  lineNo: number;
  sku: string;
  quantity: number;
}

export type LineChange =
  | { kind: 'set-quantity'; lineId: number; quantity: number; priceUnit: number }
  | {
      kind: 'add-line';
      lineNo: number;
      productId: number;
      quantity: number;
      priceUnit: number;
      uomId: number | null;
    };

const EPS = 1e-9;

/**
 * What the confirmed sale order must become before a shipment with substitutes is validated:
 * for each order line shipped (partly) as another product, the ordered line gives up the
 * substituted quantity and a line for the substitute (same line number, same unit price) takes
 * it, so Odoo moves the demand to the substitute in the open delivery and invoices it once
 * delivered. Only what the open delivery does not already demand of the substitute line is
 * amended: a retry after an amendment that committed finds nothing left to do, and a later
 * shipment with more of the substitute raises the existing substitute line instead of adding one.
 * Every change carries the ordered line's price: Odoo reprices a line from its pricelist when its
 * quantity is written without `price_unit`, and our prices must stay ours.
 */
export function planSubstitution(
  lines: readonly SaleLineState[],
  shipped: readonly ShippedLine[],
  md: MasterData,
): LineChange[] {
  const changes: LineChange[] = [];
  const byLineNo = new Map<number, SaleLineState[]>();
  for (const line of lines) byLineNo.set(line.lineNo, [...(byLineNo.get(line.lineNo) ?? []), line]);
  const ordered = (lineNo: number) => byLineNo.get(lineNo)?.[0];

  const shippedOf = new Map<string, number>();
  for (const s of shipped) {
    const key = `${s.lineNo}:${productOf(md, s.sku).id}`;
    shippedOf.set(key, (shippedOf.get(key) ?? 0) + s.quantity);
  }
  const reduced = new Map<number, number>();
  for (const [key, quantity] of shippedOf) {
    const [lineNo, productId] = key.split(':').map(Number) as [number, number];
    const original = ordered(lineNo);
    // No line of that number (an order edited in Odoo): validation alone decides.
    if (!original || original.productId === productId) continue;
    const existing = byLineNo
      .get(lineNo)
      ?.find((l) => l.id !== original.id && l.productId === productId);
    const missing = quantity - (existing?.openDemand ?? 0);
    if (missing <= EPS) continue;
    const already = reduced.get(original.id) ?? 0;
    const shippedAsOrdered = shippedOf.get(`${lineNo}:${original.productId}`) ?? 0;
    const spare = original.openDemand - already - shippedAsOrdered;
    if (missing > spare + EPS) {
      const sku = md.productsById.get(productId)?.sku ?? String(productId);
      throw new DomainError(
        'SHIPMENT_EXCEEDS_DEMAND',
        `line ${lineNo} ships ${missing} more of substitute ${sku} than the ordered line still has open (${Math.max(0, spare)})`,
      );
    }
    reduced.set(original.id, already + missing);
    changes.push(
      existing
        ? {
            kind: 'set-quantity',
            lineId: existing.id,
            quantity: existing.quantity + missing,
            priceUnit: original.priceUnit,
          }
        : {
            kind: 'add-line',
            lineNo,
            productId,
            quantity: missing,
            priceUnit: original.priceUnit,
            uomId: original.uomId,
          },
    );
  }
  for (const [lineId, quantity] of reduced) {
    const original = lines.find((l) => l.id === lineId) as SaleLineState;
    changes.unshift({
      kind: 'set-quantity',
      lineId,
      quantity: original.quantity - quantity,
      priceUnit: original.priceUnit,
    });
  }
  return changes;
}
