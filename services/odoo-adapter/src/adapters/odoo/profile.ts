import type { OdooClient } from '@o2c/odoo-client';

/** Modules whose presence changes what the adapter may call. */
const WATCHED = ['sale', 'stock', 'account', 'stock_sms', 'stock_delivery'] as const;
const REQUIRED = ['sale', 'stock', 'account'];

/** What the connected Odoo is: version-dependent field names and the modules that matter. */
export interface OdooProfile {
  major: number;
  /** sale.order.line unit field: `product_uom` up to 18, `product_uom_id` from 19. */
  saleLineUomField: string;
  /** Values that record `qty` as done on a stock.move: 16 `quantity_done`, 17+ `quantity` + `picked`. */
  moveDoneVals(qty: number): Record<string, unknown>;
  /** stock.picking has `carrier_tracking_ref` (module stock_delivery). */
  trackingRefField: boolean;
  /** Watched modules found installed (undefined: ir.module.module could not be read). */
  installed: readonly string[] | undefined;
  /** What is missing and what the adapter does instead, for the start-up log. */
  missing: readonly string[];
}

export function profileFor(
  major: number,
  found: { trackingRefField?: boolean; installed?: readonly string[] } = {},
): OdooProfile {
  const trackingRefField = found.trackingRefField ?? true;
  const missing = (found.installed ? REQUIRED.filter((m) => !found.installed?.includes(m)) : [])
    .map((m) => `module ${m} is not installed: the adapter needs it`)
    .concat(
      trackingRefField
        ? []
        : [
            'stock.picking.carrier_tracking_ref (module stock_delivery): tracking numbers are kept in the adapter (odoo_shipments), not on the picking',
          ],
    );
  return {
    major,
    saleLineUomField: major >= 19 ? 'product_uom_id' : 'product_uom',
    moveDoneVals: (qty) =>
      major >= 17 ? { quantity: qty, picked: qty > 0 } : { quantity_done: qty },
    trackingRefField,
    installed: found.installed,
    missing,
  };
}

/** Reads the server's major version (17 from "17.0" or "saas~17.2"), modules and picking fields once. */
export async function detectProfile(odoo: OdooClient): Promise<OdooProfile> {
  const version = await odoo.version();
  // A user without access to ir.module.module still gets the fields check below.
  const installed = await odoo
    .searchRead(
      'ir.module.module',
      [
        ['name', 'in', [...WATCHED]],
        ['state', '=', 'installed'],
      ],
      { fields: ['name'] },
    )
    .then(
      (rows) => rows.map((r) => String(r.name)),
      () => undefined,
    );
  const pickingFields = await odoo.fieldsGet('stock.picking', ['type']);
  return profileFor(version.major, {
    trackingRefField: 'carrier_tracking_ref' in pickingFields,
    ...(installed ? { installed } : {}),
  });
}
