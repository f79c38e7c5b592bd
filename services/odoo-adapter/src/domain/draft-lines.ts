import { commands, type X2ManyCommand } from '@o2c/odoo-client';

export interface DraftLine {
  id: number;
  productId: number | null;
  quantity: number;
}

export interface WantedLine {
  productId: number;
  sku: string;
  quantity: number;
}

export interface DraftCut {
  /** Keeps each wanted quantity on its product's lines (line by line), deletes the rest. */
  commands: X2ManyCommand[];
  /** The first wanted product the draft holds too little of, and how much is missing. */
  short?: { sku: string; missing: number };
}

/**
 * Odoo's wizards copy more than one of our documents covers: the invoice wizard takes every
 * delivered, not yet invoiced quantity (a later shipment's too), the reversal wizard the whole
 * invoice. The draft is cut down to exactly our quantities before it is posted.
 */
export function cutDraft(lines: readonly DraftLine[], wanted: readonly WantedLine[]): DraftCut {
  const left = new Map<number, number>();
  for (const w of wanted) left.set(w.productId, (left.get(w.productId) ?? 0) + w.quantity);
  const result = lines.map((line) => {
    const want = line.productId === null ? 0 : (left.get(line.productId) ?? 0);
    const take = Math.min(want, line.quantity);
    if (line.productId !== null) left.set(line.productId, want - take);
    return take > 1e-9 ? commands.update(line.id, { quantity: take }) : commands.delete(line.id);
  });
  const over = wanted.find((w) => (left.get(w.productId) ?? 0) > 1e-9);
  return {
    commands: result,
    ...(over ? { short: { sku: over.sku, missing: left.get(over.productId) ?? 0 } } : {}),
  };
}
