import { displayName, fieldDef, modelDef, rawValue, viewRec } from './records';
import type { Env, FieldDef } from './types';

/** Converts a raw value to its wire form (`load: null` keeps many2one as a bare id). */
export function formatValue(env: Env, field: FieldDef, value: unknown, classic: boolean): unknown {
  switch (field.type) {
    case 'many2one':
      if (typeof value !== 'number') return false;
      return classic ? [value, displayName(env, field.relation ?? '', value)] : value;
    case 'one2many':
    case 'many2many':
      return Array.isArray(value) ? value : [];
    case 'integer':
    case 'float':
    case 'monetary':
      return typeof value === 'number' ? value : 0;
    case 'boolean':
      return value === true;
    case 'datetime':
      // Stored with microseconds (create_date/write_date), sent in whole seconds.
      return typeof value === 'string' && value !== '' ? value.slice(0, 19) : false;
    default:
      return value === undefined || value === null || value === '' ? false : value;
  }
}

export function readFields(env: Env, model: string, fields: unknown): string[] {
  const all = Object.keys(modelDef(env, model).fields);
  if (!Array.isArray(fields) || fields.length === 0) return all;
  const names = fields.filter((f): f is string => typeof f === 'string');
  names.forEach((f) => fieldDef(env, model, f));
  return names;
}

/** `read`: ids that no longer exist are silently dropped; `id` is always included. */
export function read(
  env: Env,
  model: string,
  ids: number[],
  fields: unknown,
  load: unknown = '_classic_read',
): Record<string, unknown>[] {
  const names = readFields(env, model, fields).filter((f) => f !== 'id');
  const classic = load === '_classic_read';
  const seen = new Set<number>();
  const rows: Record<string, unknown>[] = [];
  for (const id of ids) {
    const rec = viewRec(env, model, id);
    if (!rec || seen.has(id)) continue;
    seen.add(id);
    const row: Record<string, unknown> = { id };
    for (const name of names) {
      row[name] = formatValue(
        env,
        fieldDef(env, model, name),
        rawValue(env, model, rec, name),
        classic,
      );
    }
    rows.push(row);
  }
  return rows;
}
