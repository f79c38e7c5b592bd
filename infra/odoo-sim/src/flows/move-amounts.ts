import { byField } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { lineTax } from './taxes';

export const round = (n: number) => Math.round(n * 100) / 100;
export const lineSubtotal = (l: Rec) =>
  round(
    (l.quantity as number) *
      (l.price_unit as number) *
      (1 - ((l.discount as number | undefined) ?? 0) / 100),
  );
const moveLines = (env: Env, rec: Rec) => byField(env, 'account.move.line', 'move_id', rec.id);
export const moveUntaxed = (env: Env, rec: Rec) =>
  round(moveLines(env, rec).reduce((s, l) => s + lineSubtotal(l), 0));
export const moveTax = (env: Env, rec: Rec) =>
  round(moveLines(env, rec).reduce((s, l) => s + lineTax(env, l.tax_ids, lineSubtotal(l)), 0));
/** The invoice's total with its taxes (what the customer pays). */
export const moveTotal = (env: Env, rec: Rec) => round(moveUntaxed(env, rec) + moveTax(env, rec));
