import { userError, valueError } from '../errors';
import { allRecs, byField, getRec, idsBy, mutableBy, viewRec } from './store';
import type { Env, FieldDef, ModelDef, Rec } from './types';

export { allRecs, byField, getRec, idsBy, mutableBy, viewRec };

export function modelDef(env: Env, model: string): ModelDef {
  const def = env.registry.get(model);
  if (!def) throw userError(`Object ${model} doesn't exist`);
  return def;
}

export function fieldDef(env: Env, model: string, fname: string): FieldDef {
  const field = modelDef(env, model).fields[fname];
  if (!field) throw valueError(`Invalid field '${fname}' on model '${model}'`);
  return field;
}

export function exists(env: Env, model: string, id: unknown): boolean {
  return typeof id === 'number' && viewRec(env, model, id) !== undefined;
}

/** A field's raw value: stored, computed, related, or (one2many) derived from the inverse. */
export function rawValue(env: Env, model: string, rec: Rec, fname: string): unknown {
  const field = fieldDef(env, model, fname);
  if (field.compute) return field.compute(env, rec);
  if (field.related) return relatedValue(env, model, rec, field.related);
  if (field.type === 'one2many') {
    return idsBy(env, field.relation ?? '', field.inverse ?? '', rec.id);
  }
  if (field.type === 'many2many') {
    const ids = Array.isArray(rec[fname]) ? (rec[fname] as number[]) : [];
    return ids.filter((id) => exists(env, field.relation ?? '', id));
  }
  if (field.type === 'many2one') {
    const id = rec[fname];
    return exists(env, field.relation ?? '', id) ? id : false;
  }
  return rec[fname] ?? emptyValue(field);
}

function relatedValue(env: Env, model: string, rec: Rec, path: string): unknown {
  const [head, ...rest] = path.split('.');
  const field = fieldDef(env, model, head ?? '');
  const value = rawValue(env, model, rec, head ?? '');
  if (rest.length === 0) return value;
  const target = typeof value === 'number' ? viewRec(env, field.relation ?? '', value) : undefined;
  if (!target) return emptyValue(fieldAt(env, field.relation ?? '', rest.join('.')));
  return relatedValue(env, field.relation ?? '', target, rest.join('.'));
}

function fieldAt(env: Env, model: string, path: string): FieldDef {
  const [head, ...rest] = path.split('.');
  const field = fieldDef(env, model, head ?? '');
  return rest.length === 0 ? field : fieldAt(env, field.relation ?? '', rest.join('.'));
}

export function emptyValue(field: FieldDef): unknown {
  switch (field.type) {
    case 'integer':
    case 'float':
    case 'monetary':
      return 0;
    case 'boolean':
      return false;
    case 'one2many':
    case 'many2many':
      return [];
    default:
      return false;
  }
}

export function displayName(env: Env, model: string, id: number): string {
  const def = modelDef(env, model);
  const rec = viewRec(env, model, id);
  if (!rec) return '';
  if (def.displayName) return def.displayName(env, rec);
  const name = rawValue(env, model, rec, def.recName ?? 'name');
  return typeof name === 'string' ? name : `${model},${id}`;
}

/** Shorthand used by flows: a value read without formatting. */
export function val<T = unknown>(env: Env, model: string, id: number, fname: string): T {
  const rec = viewRec(env, model, id);
  return (rec ? rawValue(env, model, rec, fname) : false) as T;
}

export function num(env: Env, model: string, id: number, fname: string): number {
  const v = val(env, model, id, fname);
  return typeof v === 'number' ? v : 0;
}

export function ids(env: Env, model: string, id: number, fname: string): number[] {
  const v = val(env, model, id, fname);
  return Array.isArray(v) ? (v as number[]) : [];
}

export function nextSequence(env: Env, code: string): number {
  const next = (env.data.sequences[code] ?? 0) + 1;
  env.data.sequences[code] = next;
  return next;
}

export const pad = (n: number, width = 5): string => String(n).padStart(width, '0');

/** String form of a raw value (records hold `unknown`); objects become JSON. */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return v === undefined ? '' : JSON.stringify(v);
}
