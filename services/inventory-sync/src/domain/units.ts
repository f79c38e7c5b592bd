import { DomainError } from './errors';

interface Unit {
  base: string;
  /** How many base units one of this unit is. */
  factor: number;
  /** Whether quantities in this unit may be fractional (KG) or must be whole (EA, DZ). */
  fractional: boolean;
}

const UNITS: Readonly<Record<string, Unit>> = {
  EA: { base: 'EA', factor: 1, fractional: false },
  DZ: { base: 'EA', factor: 12, fractional: false },
  KG: { base: 'KG', factor: 1, fractional: true },
};

// Quantities are decimals in Postgres and doubles in Avro: round away binary noise (0.1 + 0.2).
export const roundQty = (q: number): number => Math.round(q * 1e6) / 1e6;

export function unitOf(uom: string): Unit {
  const unit = UNITS[uom];
  if (!unit) throw new DomainError('UNKNOWN_UOM', `unit '${uom}' is unknown`);
  return unit;
}

/** The base unit a quantity in `uom` is kept in (DZ → EA). */
export const baseUomOf = (uom: string): string => unitOf(uom).base;

/** `quantity` of `uom` in the base unit `baseUom`. */
export function toBase(quantity: number, uom: string, baseUom: string): number {
  const unit = unitOf(uom);
  if (unit.base !== baseUom) {
    throw new DomainError('UOM_NOT_CONVERTIBLE', `'${uom}' does not convert to '${baseUom}'`);
  }
  return roundQty(quantity * unit.factor);
}

/** A base quantity expressed in `uom` (may be fractional: 18 EA = 1.5 DZ). */
export const fromBase = (baseQuantity: number, uom: string): number =>
  roundQty(baseQuantity / unitOf(uom).factor);

/** The most of `uom` that fits in `baseQuantity`: whole units for EA and DZ, any amount for KG. */
export function fitIn(baseQuantity: number, uom: string): number {
  const q = fromBase(Math.max(0, baseQuantity), uom);
  return unitOf(uom).fractional ? q : Math.floor(q);
}
