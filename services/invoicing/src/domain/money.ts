/**
 * Rounding rule: half away from zero to the minor unit, after dropping binary noise below 1e-6
 * (0.1 × 3 must give 0.3, not 0.30000000000000004). Amounts here are never negative.
 */
export const roundMinor = (x: number): number =>
  Math.sign(x) * Math.round(Math.abs(Number(x.toFixed(6))));

/** Line amount before tax: quantity × unit price, rounded per line like Odoo's price_subtotal. */
export const lineAmount = (quantity: number, unitPriceMinor: number): number =>
  roundMinor(quantity * unitPriceMinor);

/**
 * Tax of one line at a rate in basis points, rounded per line (Odoo's default
 * tax_calculation_rounding_method "round_per_line"); a document's tax is the sum of its lines'.
 */
export const lineTax = (amountMinor: number, taxRateBps: number): number =>
  roundMinor((amountMinor * taxRateBps) / 10_000);

/** Quantities are compared with a tolerance: fractional units (KG) travel as doubles. */
export const QTY_EPSILON = 1e-9;

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Sum of quantities without the float noise of repeated addition. */
export const sumQty = (xs: readonly number[]): number => Number(sum(xs).toFixed(9));
