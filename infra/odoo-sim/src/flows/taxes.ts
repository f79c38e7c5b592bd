import { getRec } from '../orm/records';
import type { Env } from '../orm/types';

/** Odoo's `float_round` to cents: half up, after nudging by the value's own binary epsilon (2.175 → 2.18). */
function cents(n: number): number {
  const x = n * 100;
  if (x === 0) return 0;
  return Math.round(x + Math.sign(x) * 2 ** (Math.log2(Math.abs(x)) - 52)) / 100;
}

/**
 * The tax on one line's untaxed amount: the sum of its percent taxes, each rounded to the cent
 * (Odoo's default "round per line"; price-included and grouped taxes are not simulated).
 */
export function lineTax(env: Env, taxIds: unknown, base: number): number {
  const ids = Array.isArray(taxIds) ? (taxIds as number[]) : [];
  return cents(
    ids.reduce((sum, id) => {
      const percent = (getRec(env, 'account.tax', id)?.amount as number | undefined) ?? 0;
      return sum + cents((base * percent) / 100);
    }, 0),
  );
}
