import type { OdooClient } from '@o2c/odoo-client';

/** Field names that differ between the Odoo versions the adapter supports (16–19). */
export interface OdooProfile {
  major: number;
  /** sale.order.line unit field: `product_uom` up to 18, `product_uom_id` from 19. */
  saleLineUomField: string;
  /** Values that record `qty` as done on a stock.move: 16 `quantity_done`, 17+ `quantity` + `picked`. */
  moveDoneVals(qty: number): Record<string, unknown>;
}

export function profileFor(major: number): OdooProfile {
  return {
    major,
    saleLineUomField: major >= 19 ? 'product_uom_id' : 'product_uom',
    moveDoneVals: (qty) =>
      major >= 17 ? { quantity: qty, picked: qty > 0 } : { quantity_done: qty },
  };
}

/** Reads the server's major version once (e.g. 17 from "17.0" or "saas~17.2"). */
export async function detectProfile(odoo: OdooClient): Promise<OdooProfile> {
  const version = await odoo.version();
  return profileFor(version.major);
}
