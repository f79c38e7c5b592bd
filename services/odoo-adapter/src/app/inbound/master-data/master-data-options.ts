/** How odoo-adapter reads master data from Odoo (config.ts: ODOO_COMPANY_ID and friends). */
export interface MasterDataOptions {
  /** Only this company's records (and those shared by all companies) are synced. */
  companyId: number;
  /** product.product many2one naming a product's substitute (e.g. x_substitute_product_id). */
  substituteField: string | null;
  /** Which res.partner field is the canonical customer id. */
  customerKey: 'ref' | 'vat' | 'email';
  /** Canonical unit code → Odoo uom.uom name (ODOO_UOM_MAP). */
  uomNames: ReadonlyMap<string, string>;
}

/** Odoo's domain for "this company's or shared" on a model with an optional company_id. */
export const companyOrShared = (companyId: number) => [
  '|',
  ['company_id', '=', false],
  ['company_id', '=', companyId],
];

/** Archived records are master data too: they make orders fail with a precise reason. */
export const ACTIVE_OR_ARCHIVED = ['active', 'in', [true, false]];

/** Canonical unit code of an Odoo unit name: the ODOO_UOM_MAP code, else the name itself. */
export function unitCodes(uomNames: ReadonlyMap<string, string>) {
  const byName = new Map([...uomNames].map(([code, name]) => [name, code]));
  return (odooName: string) => byName.get(odooName) ?? odooName;
}
