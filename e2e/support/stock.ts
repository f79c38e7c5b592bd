import { until, type Api } from './api';

/** Odoo keeps SCRW-12 in dozens; inventory-sync counts every SKU in its base unit (EA). */
const BASE_PER_ODOO_UNIT: Record<string, number> = { 'SCRW-12': 12 };

/** Sets Odoo's stock of each SKU in WH and waits until inventory-sync has taken it in. */
export async function stockUp(api: Api, levels: Record<string, number>) {
  for (const [sku, quantity] of Object.entries(levels)) await api.setOdooStock(sku, quantity);
  for (const [sku, odooQuantity] of Object.entries(levels)) {
    const quantity = odooQuantity * (BASE_PER_ODOO_UNIT[sku] ?? 1);
    await until(
      async () => {
        const a = JSON.stringify(await api.availability(sku));
        return a.includes(`"onHand":${quantity},`) || a.includes(`"onHand":${quantity}}`)
          ? true
          : undefined;
      },
      `${sku} on hand ${quantity} in inventory-sync`,
      60_000,
    );
  }
}
