/** A uom.uom row as read from Odoo, either generation of the model. */
export interface OdooUnit {
  id: number;
  name: string;
  rounding: number;
  active: boolean;
  /** Up to Odoo 18: the category and the ratio (units of this per reference unit, Dozens 1/12). */
  category?: string;
  ratio?: number;
  isReference?: boolean;
  /** From Odoo 19: the unit this one is a multiple of, and the absolute factor to the root. */
  parentId?: number | null;
  absoluteFactor?: number;
}

export interface CanonicalUnit {
  odooId: number;
  code: string;
  name: string;
  category: string;
  referenceUom: string;
  factor: number;
  rounding: number;
  fractional: boolean;
  active: boolean;
}

const clean = (x: number) => Math.round(x * 1e9) / 1e9;

/** Units of a whole-number category: Odoo's 'Unit' category, or its Odoo 19 root 'Units'. */
const WHOLE_CATEGORIES = /^units?$/i;

/**
 * Every unit in canonical terms: its category, the category's reference unit and how many
 * reference units one of it is. Up to Odoo 18 categories are records and the reference unit is
 * the one of type 'reference'; from Odoo 19 a unit is a multiple of another, and the root of that
 * chain is both the reference and the category.
 */
export function toCanonicalUnits(
  units: readonly OdooUnit[],
  codeOf: (odooName: string) => string,
): CanonicalUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const rootOf = (u: OdooUnit): OdooUnit => {
    const seen = new Set<number>();
    let current = u;
    while (current.parentId && !seen.has(current.id)) {
      seen.add(current.id);
      const parent = byId.get(current.parentId);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const referenceOf = new Map<string, OdooUnit>();
  for (const u of units) {
    if (u.category !== undefined && u.isReference && (u.active || !referenceOf.has(u.category)))
      referenceOf.set(u.category, u);
  }
  return units.map((u) => {
    const legacy = u.category !== undefined;
    const reference = legacy ? (referenceOf.get(u.category!) ?? u) : rootOf(u);
    const category = legacy ? u.category! : reference.name;
    const factor = legacy ? (u.ratio ? clean(1 / u.ratio) : 1) : clean(u.absoluteFactor ?? 1);
    return {
      odooId: u.id,
      code: codeOf(u.name),
      name: u.name,
      category,
      referenceUom: codeOf(reference.name),
      factor,
      rounding: u.rounding,
      fractional: u.rounding < 1 && !WHOLE_CATEGORIES.test(category),
      active: u.active,
    };
  });
}
