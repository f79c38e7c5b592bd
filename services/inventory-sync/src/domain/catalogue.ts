/**
 * The SKUs inventory-sync knows (the odoo-sim seed in canonical codes): the base unit positions are
 * kept in, and the substitute a line may fall back to. Odoo's x_substitute_product_id is the source.
 */
export interface SkuInfo {
  baseUom: string;
  substitute: string | null;
}

export const CATALOGUE: ReadonlyMap<string, SkuInfo> = new Map([
  ['FURN-001', { baseUom: 'EA', substitute: 'FURN-001-B' }],
  ['FURN-001-B', { baseUom: 'EA', substitute: null }],
  ['FURN-002', { baseUom: 'EA', substitute: null }],
  ['SCRW-12', { baseUom: 'EA', substitute: null }],
  ['COFF-1KG', { baseUom: 'KG', substitute: null }],
]);

export const substituteOf = (sku: string): string | null => CATALOGUE.get(sku)?.substitute ?? null;

/**
 * The SKUs whose stock one reservation may touch together with `sku`: itself, its substitute, and
 * the SKUs it substitutes for (locked together, in one order, to avoid lock-order deadlocks).
 */
export const familyOf = (sku: string): string[] => [
  sku,
  ...[substituteOf(sku) ?? []].flat(),
  ...[...CATALOGUE].filter(([, info]) => info.substitute === sku).map(([ordered]) => ordered),
];
