/** A unit of measure: the base unit of its category, and how many base units one of it is. */
export interface Unit {
  base: string;
  factor: number;
  /** Whether quantities in this unit may be fractional (KG) or must be whole (EA, DZ). */
  fractional: boolean;
}

/** A SKU: the base unit its positions are kept in, and the substitute a line may fall back to. */
export interface SkuInfo {
  baseUom: string;
  substitute: string | null;
}

/**
 * What inventory-sync knows of Odoo's products and units (from odoo.master-data). It may hold
 * only the SKUs one decision touches: a SKU missing here is kept in its own unit's base.
 */
export interface Catalogue {
  skus: ReadonlyMap<string, SkuInfo>;
  units: ReadonlyMap<string, Unit>;
}

export interface ProductFacts {
  sku: string;
  uom: string;
  substitute: string | null;
  active: boolean;
}

export interface UnitFacts {
  code: string;
  referenceUom: string;
  factor: number;
  fractional: boolean;
}

/**
 * The catalogue from master-data facts: a product is kept in its unit's reference unit, and a
 * substitute counts only while it is itself a known, active product.
 */
export function buildCatalogue(
  products: readonly ProductFacts[],
  units: readonly UnitFacts[],
): Catalogue {
  const unitMap = new Map(
    units.map((u) => [
      u.code,
      { base: u.referenceUom, factor: u.factor, fractional: u.fractional },
    ]),
  );
  const active = new Set(products.filter((p) => p.active).map((p) => p.sku));
  return {
    units: unitMap,
    skus: new Map(
      products.map((p) => [
        p.sku,
        {
          baseUom: unitMap.get(p.uom)?.base ?? p.uom,
          substitute: p.substitute && active.has(p.substitute) ? p.substitute : null,
        },
      ]),
    ),
  };
}

export const substituteOf = (cat: Catalogue, sku: string): string | null =>
  cat.skus.get(sku)?.substitute ?? null;

/**
 * The SKUs whose stock one reservation may touch together with `sku`: itself, its substitute, and
 * the SKUs it substitutes for (locked together, in one order, to avoid lock-order deadlocks).
 */
export const familyOf = (cat: Catalogue, sku: string): string[] => [
  sku,
  ...[substituteOf(cat, sku) ?? []].flat(),
  ...[...cat.skus].filter(([, info]) => info.substitute === sku).map(([ordered]) => ordered),
];
