/**
 * Installed Odoo modules. A default database with Sales, Inventory and Invoicing installs these:
 * `stock_sms` is auto-installed with `stock` once `sms` is there (it comes with the apps), and it
 * puts an SMS confirmation wizard in front of delivery validation. `stock_delivery` (the carrier
 * fields such as `carrier_tracking_ref`) is not part of it.
 */
export const DEFAULT_MODULES = ['sale_management', 'stock', 'account', 'stock_sms', 'sms'];

/** What the simulator serves whatever the list says (its models are always there). */
const ALWAYS = ['base', 'web', 'mail', 'product', 'uom', 'purchase', 'base_automation'];

const DEPENDS: Record<string, string[]> = {
  sale_management: ['sale'],
  sale: ['account', 'product'],
  stock: ['product'],
  stock_sms: ['stock', 'sms'],
  stock_delivery: ['stock', 'delivery'],
  delivery: ['sale'],
  sale_stock: ['sale', 'stock'],
};

/** Modules known to ir.module.module (the rest of a real database's list does not matter here). */
export const KNOWN_MODULES = [
  ...new Set([...ALWAYS, ...Object.keys(DEPENDS), ...Object.values(DEPENDS).flat()]),
].sort();

/** The installed set: the listed modules, their dependencies and what the simulator always serves. */
export function installedModules(listed: readonly string[]): ReadonlySet<string> {
  const installed = new Set<string>(ALWAYS);
  const add = (name: string) => {
    if (installed.has(name) && !ALWAYS.includes(name)) return;
    installed.add(name);
    (DEPENDS[name] ?? []).forEach(add);
  };
  listed.forEach(add);
  if (installed.has('sale') && installed.has('stock')) installed.add('sale_stock');
  return installed;
}
