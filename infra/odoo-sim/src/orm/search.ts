import { filterIds } from '../domain/evaluate';
import { typeError } from '../errors';
import { sortIds } from './order';
import { modelDef } from './records';
import type { Env } from './types';

export interface SearchOptions {
  offset?: unknown;
  limit?: unknown;
  order?: unknown;
}

const asInt = (v: unknown, name: string): number | undefined => {
  if (v === undefined || v === null || v === false) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(`${name} must be an integer`);
  return v;
};

export function search(
  env: Env,
  model: string,
  domain: unknown,
  opts: SearchOptions = {},
): number[] {
  const def = modelDef(env, model);
  const order = typeof opts.order === 'string' && opts.order.trim() ? opts.order : def.order;
  const sorted = sortIds(env, model, filterIds(env, model, domain), order);
  const offset = asInt(opts.offset, 'offset') ?? 0;
  // limit 0 means "no limit" in the ORM (it is falsy there)
  const limit = asInt(opts.limit, 'limit') || undefined;
  return sorted.slice(offset, limit === undefined ? undefined : offset + limit);
}
