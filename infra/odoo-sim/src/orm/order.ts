import { valueError } from '../errors';
import { isNull } from '../domain/compare';
import { displayName, modelDef, rawValue, viewRec } from './records';
import type { Env } from './types';

interface OrderKey {
  field: string;
  desc: boolean;
  nullsFirst: boolean;
}

const invalid = (spec: string) =>
  valueError(
    `Invalid "order" specified (${spec}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
  );

export function parseOrder(env: Env, model: string, spec: string): OrderKey[] {
  const fields = modelDef(env, model).fields;
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([\w.]+)(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?$/i.exec(part);
      const field = m?.[1] ?? '';
      if (!m || (field !== 'id' && !(field in fields))) throw invalid(spec);
      const desc = m[2]?.toLowerCase() === 'desc';
      const nulls = m[3]?.toLowerCase();
      return { field, desc, nullsFirst: nulls ? nulls === 'first' : desc };
    });
}

/** Sorts ids like PostgreSQL would (NULLS LAST ascending, FIRST descending); stable on id order. */
export function sortIds(env: Env, model: string, ids: number[], spec: string): number[] {
  const keys = parseOrder(env, model, spec);
  const fields = modelDef(env, model).fields;
  const keyOf = (id: number, key: OrderKey): unknown => {
    if (key.field === 'id') return id;
    const rec = viewRec(env, model, id);
    if (!rec) return false;
    const v = rawValue(env, model, rec, key.field);
    const f = fields[key.field];
    if (f?.type === 'many2one' && typeof v === 'number')
      return displayName(env, f.relation ?? '', v);
    if (f?.type === 'boolean') return v === true ? 1 : 0;
    return v;
  };
  return [...ids].sort((x, y) => {
    for (const key of keys) {
      const a = keyOf(x, key);
      const b = keyOf(y, key);
      const an = isNull(a);
      const bn = isNull(b);
      if (an || bn) {
        if (an && bn) continue;
        return (an ? -1 : 1) * (key.nullsFirst ? 1 : -1);
      }
      const c =
        typeof a === 'number' && typeof b === 'number'
          ? a - b
          : String(a) < String(b)
            ? -1
            : String(a) > String(b)
              ? 1
              : 0;
      if (c !== 0) return key.desc ? -c : c;
    }
    return 0;
  });
}
