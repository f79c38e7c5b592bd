import type { PurchaseOrderPlaced } from '@o2c/contracts';

/** One approved proposal in a batch. */
export interface BatchedProposal {
  proposalId: string;
  sku: string;
  uom: string;
  quantity: number;
  unitCostMinor: number;
  neededBy: number;
}

export type PlacedLine = PurchaseOrderPlaced['lines'][number];

/**
 * A batch's purchase lines (pure): one per SKU in SKU order, numbered 1..n, quantities summed
 * (in the first proposal's unit: proposals of one SKU share its purchase unit), the unit price
 * the first proposal's expected cost (proposals are taken in approval order).
 */
export function purchaseLinesOf(proposals: readonly BatchedProposal[]): PlacedLine[] {
  const bySku = new Map<string, PlacedLine>();
  for (const p of proposals) {
    const line = bySku.get(p.sku);
    if (line) {
      line.quantity += p.quantity;
      line.proposalIds.push(p.proposalId);
    } else
      bySku.set(p.sku, {
        lineNo: 0,
        sku: p.sku,
        quantity: p.quantity,
        uom: p.uom,
        unitPriceMinor: p.unitCostMinor,
        proposalIds: [p.proposalId],
      });
  }
  return [...bySku.values()]
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .map((line, i) => ({ ...line, lineNo: i + 1 }));
}

/** When the goods are asked for: the latest neededBy of the batch. */
export const datePlannedOf = (proposals: readonly BatchedProposal[]): number =>
  Math.max(...proposals.map((p) => p.neededBy));

/** Retry delay after `attempts` failures: doubling from `baseMs`, at most a minute. */
export const backoffMs = (baseMs: number, attempts: number): number =>
  Math.min(60_000, baseMs * 2 ** Math.min(attempts, 16));
