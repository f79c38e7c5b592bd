import { allRecs, getRec, mutableBy } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords } from '../orm/write';

export function isInternal(env: Env, locationId: unknown): boolean {
  return (
    typeof locationId === 'number' &&
    getRec(env, 'stock.location', locationId)?.usage === 'internal'
  );
}

export function locationTree(env: Env, root: number): Set<number> {
  const result = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const loc of allRecs(env, 'stock.location')) {
      if (!result.has(loc.id) && result.has(loc.location_id as number)) {
        result.add(loc.id);
        grew = true;
      }
    }
  }
  return result;
}

export function quantsIn(env: Env, productId: number, locationId: number): Rec[] {
  const tree = locationTree(env, locationId);
  return mutableBy(env, 'stock.quant', 'product_id', productId).filter((q) =>
    tree.has(q.location_id as number),
  );
}

/** Adds (or with a negative delta removes) on-hand quantity; quants may go negative as in Odoo. */
export function adjustQuant(env: Env, productId: number, locationId: number, delta: number): void {
  let remaining = delta;
  if (delta < 0) {
    for (const quant of quantsIn(env, productId, locationId)) {
      const take = Math.min(-remaining, Math.max(0, quant.quantity as number));
      if (take <= 0) continue;
      quant.quantity = (quant.quantity as number) - take;
      touchQuant(env, quant);
      remaining += take;
      if (remaining >= 0) return;
    }
  }
  if (remaining === 0) return;
  const existing = mutableBy(env, 'stock.quant', 'product_id', productId).find(
    (q) => q.location_id === locationId,
  );
  if (existing) {
    existing.quantity = (existing.quantity as number) + remaining;
    touchQuant(env, existing);
  } else {
    createRecords(env, 'stock.quant', [
      { product_id: productId, location_id: locationId, quantity: remaining },
    ]);
  }
}

export function touchQuant(env: Env, quant: Rec): void {
  quant.write_date = env.stamp;
  quant.write_uid = env.uid;
  env.events.push({
    model: 'stock.quant',
    id: quant.id,
    kind: 'write',
    fields: ['quantity', 'reserved_quantity'],
    before: {},
  });
}
