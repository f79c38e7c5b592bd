import { userError } from '../errors';
import { allRecs, getRec, mutableBy } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { createRecords } from '../orm/write';
import { touchQuant } from './quants';

function inventoryLocation(env: Env): number {
  const loc = allRecs(env, 'stock.location').find((l) => l.usage === 'inventory');
  if (!loc) throw userError('No inventory adjustment location.');
  return loc.id;
}

/** stock.quant.action_apply_inventory: books counted − on hand through a done move. */
export function applyInventory(env: Env, quantIds: number[]): void {
  for (const id of quantIds) {
    const quant = getRec(env, 'stock.quant', id) as Rec;
    const counted = (quant.inventory_quantity as number | undefined) ?? 0;
    const delta = counted - (quant.quantity as number);
    if (delta !== 0) {
      const inventory = inventoryLocation(env);
      const [moveId] = createRecords(env, 'stock.move', [
        {
          name: 'Product Quantity Updated',
          product_id: quant.product_id,
          product_uom_qty: Math.abs(delta),
          location_id: delta > 0 ? inventory : quant.location_id,
          location_dest_id: delta > 0 ? quant.location_id : inventory,
        },
      ]);
      const move = getRec(env, 'stock.move', moveId ?? 0) as Rec;
      Object.assign(
        move,
        { state: 'done', date: env.now },
        env.profile.moveQtyField === 'quantity'
          ? { quantity: Math.abs(delta), picked: true }
          : { quantity_done: Math.abs(delta) },
      );
    }
    Object.assign(quant, {
      quantity: counted,
      inventory_quantity: 0,
      inventory_quantity_set: false,
    });
    touchQuant(env, quant);
  }
}

/** Test control: sets the on-hand quantity of a product in a location (creating the quant). */
export function setOnHand(
  env: Env,
  productId: number,
  locationId: number,
  quantity: number,
): number {
  let quant = mutableBy(env, 'stock.quant', 'product_id', productId).find(
    (q) => q.location_id === locationId,
  );
  if (!quant) {
    const [id] = createRecords(env, 'stock.quant', [
      { product_id: productId, location_id: locationId },
    ]);
    quant = getRec(env, 'stock.quant', id ?? 0);
  }
  if (!quant) throw userError('Could not create the quant.');
  quant.inventory_quantity = quantity;
  applyInventory(env, [quant.id]);
  return quant.id;
}
