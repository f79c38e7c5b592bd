import type { FieldDef } from '../orm/types';

export const isNull = (v: unknown, field?: FieldDef): boolean =>
  field?.type === 'boolean' ? false : v === false || v === null || v === undefined || v === '';

/** SQL LIKE: `%` any run, `_` one character; case-insensitive for ILIKE. */
export function sqlLike(value: string, pattern: string, insensitive: boolean): boolean {
  let re = '';
  for (const ch of pattern) {
    if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, insensitive ? 'is' : 's').test(value);
}

function cmp(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function equals(actual: unknown, value: unknown, field?: FieldDef): boolean {
  if (value === false || value === null) {
    return field?.type === 'boolean' ? actual === false : isNull(actual, field);
  }
  if (typeof actual === 'number' && typeof value === 'string') return actual === Number(value);
  return actual === value;
}

/** Compares one scalar value against a leaf, with Odoo's NULL semantics for negations. */
export function compareScalar(
  actual: unknown,
  op: string,
  value: unknown,
  field?: FieldDef,
): boolean {
  const nul = isNull(actual, field);
  switch (op) {
    case '=':
      return equals(actual, value, field);
    case '!=':
      return !equals(actual, value, field);
    case '=?':
      return (
        value === false || value === null || value === undefined || equals(actual, value, field)
      );
    case '>':
      return !nul && value !== false && cmp(actual, value) > 0;
    case '>=':
      return !nul && value !== false && cmp(actual, value) >= 0;
    case '<':
      return !nul && value !== false && cmp(actual, value) < 0;
    case '<=':
      return !nul && value !== false && cmp(actual, value) <= 0;
    case 'like':
    case 'ilike':
      return !nul && sqlLike(String(actual), `%${String(value)}%`, op === 'ilike');
    case 'not like':
    case 'not ilike':
      return nul || !sqlLike(String(actual), `%${String(value)}%`, op === 'not ilike');
    case '=like':
    case '=ilike':
      return !nul && sqlLike(String(actual), String(value), op === '=ilike');
    case 'in':
      return inList(actual, value, field);
    case 'not in':
      return !inList(actual, value, field);
    default:
      return false;
  }
}

function inList(actual: unknown, value: unknown, field?: FieldDef): boolean {
  const list = Array.isArray(value) ? value : [value];
  if (isNull(actual, field)) return list.some((v) => v === false || v === null);
  return list.some((v) => equals(actual, v, field));
}
