import type { Catalogue, Unit } from './catalogue';
import { DomainError } from './errors';

// Quantities are decimals in Postgres and doubles in Avro: round away binary noise (0.1 + 0.2).
export const roundQty = (q: number): number => Math.round(q * 1e6) / 1e6;

export function unitOf(cat: Catalogue, uom: string): Unit {
  const unit = cat.units.get(uom);
  if (!unit) throw new DomainError('UNKNOWN_UOM', `unit '${uom}' is unknown`);
  return unit;
}

/** The base unit a quantity in `uom` is kept in (DZ → EA). */
export const baseUomOf = (cat: Catalogue, uom: string): string => unitOf(cat, uom).base;

/** The base unit positions of `sku` are kept in (an unknown SKU: its line unit's base). */
export const baseUomOfSku = (cat: Catalogue, sku: string, lineUom: string): string =>
  cat.skus.get(sku)?.baseUom ?? baseUomOf(cat, lineUom);

/** `quantity` of `uom` in the base unit `baseUom`. */
export function toBase(cat: Catalogue, quantity: number, uom: string, baseUom: string): number {
  const unit = unitOf(cat, uom);
  if (unit.base !== baseUom) {
    throw new DomainError('UOM_NOT_CONVERTIBLE', `'${uom}' does not convert to '${baseUom}'`);
  }
  return roundQty(quantity * unit.factor);
}

/** A base quantity expressed in `uom` (may be fractional: 18 EA = 1.5 DZ). */
export const fromBase = (cat: Catalogue, baseQuantity: number, uom: string): number =>
  roundQty(baseQuantity / unitOf(cat, uom).factor);

/** The most of `uom` that fits in `baseQuantity`: whole units for EA and DZ, any amount for KG. */
export function fitIn(cat: Catalogue, baseQuantity: number, uom: string): number {
  const q = fromBase(cat, Math.max(0, baseQuantity), uom);
  return unitOf(cat, uom).fractional ? q : Math.floor(q);
}
