import type { Data, Env, Rec } from './types';

/**
 * Record storage with copy-on-write per record. Committed records are frozen and shared by every
 * transaction; a transaction copies a record the first time it asks for it by id (`getRec`) and
 * commits its copies (`mergeData`), so a call costs what it touches, not the size of the tables.
 * `allRecs` and `byField` are read views: change a record through `getRec` or `mutableBy`.
 */

type Index = Map<unknown, Set<number>>;
/** Indexes of a committed table by field, kept up to date by every commit into it. */
const indexes = new WeakMap<Record<string, Rec>, Map<string, Index>>();

export function getRec(env: Env, model: string, id: number): Rec | undefined {
  const data = env.data;
  const key = String(id);
  const own = data.tables[model]?.[key];
  if (own || !data.parent || data.deleted?.[model]?.has(key)) return own;
  const committed = data.parent.tables[model]?.[key];
  if (!committed) return undefined;
  const copy = structuredClone(committed);
  (data.tables[model] ??= {})[key] = copy;
  return copy;
}

/** A record as this transaction sees it, without copying it (read-only). */
export function viewRec(env: Env, model: string, id: number): Rec | undefined {
  const data = env.data;
  const key = String(id);
  const own = data.tables[model]?.[key];
  if (own || !data.parent || data.deleted?.[model]?.has(key)) return own;
  return data.parent.tables[model]?.[key];
}

/** All live records of a model in id order, as this transaction sees them (read-only). */
export function allRecs(env: Env, model: string): Rec[] {
  const data = env.data;
  const own = data.tables[model] ?? {};
  if (!data.parent) return Object.values(own);
  const committed = data.parent.tables[model] ?? {};
  const deleted = data.deleted?.[model];
  const out: Rec[] = [];
  for (const key in committed) {
    if (!deleted?.has(key)) out.push(own[key] ?? (committed[key] as Rec));
  }
  // Created here: ids are handed out in order, so these come after every committed one.
  for (const key in own) if (!(key in committed)) out.push(own[key] as Rec);
  return out;
}

/**
 * Live records whose stored `field` holds `value` (equals it, or for a many2many's id list
 * includes it), in id order, as a read view: an index lookup instead of a scan.
 */
export function byField(env: Env, model: string, field: string, value: unknown): Rec[] {
  const data = env.data;
  const own = data.tables[model] ?? {};
  const committed = (data.parent ?? data).tables[model] ?? {};
  return idsBy(env, model, field, value).map((id) => (own[id] ?? committed[id]) as Rec);
}

/** `byField`'s records as this transaction's own copies, to change. */
export function mutableBy(env: Env, model: string, field: string, value: unknown): Rec[] {
  return idsBy(env, model, field, value).map((id) => getRec(env, model, id) as Rec);
}

/** Ids of `byField`'s records. */
export function idsBy(env: Env, model: string, field: string, value: unknown): number[] {
  const data = env.data;
  const committed = (data.parent ?? data).tables[model] ?? {};
  const own = data.parent ? (data.tables[model] ?? {}) : {};
  const deleted = data.deleted?.[model];
  const out: number[] = [];
  for (const id of indexOf(committed, field).get(value) ?? []) {
    const key = String(id);
    const rec = own[key] ?? committed[key];
    if (rec && !deleted?.has(key) && holds(rec[field], value)) out.push(id);
  }
  for (const key in own) {
    const rec = own[key] as Rec;
    const before = committed[key];
    if (holds(rec[field], value) && !(before && holds(before[field], value))) out.push(rec.id);
  }
  return out.sort((a, b) => a - b);
}

export function putRec(env: Env, model: string, rec: Rec): void {
  const data = env.data;
  const key = String(rec.id);
  const table = (data.tables[model] ??= {});
  if (!data.parent) reindex(table, key, rec);
  table[key] = rec;
  data.deleted?.[model]?.delete(key);
}

export function deleteRec(env: Env, model: string, id: number): void {
  const data = env.data;
  const key = String(id);
  const table = data.tables[model];
  if (table && !data.parent) reindex(table, key, undefined);
  if (table) delete table[key];
  if (data.parent) ((data.deleted ??= {})[model] ??= new Set()).add(key);
}

/** A transaction's working copy of `base`: records are copied on first access. */
export function forkData(base: Data): Data {
  return { tables: {}, nextId: base.nextId, sequences: { ...base.sequences }, parent: base };
}

/**
 * The committed result of a working copy. Committed tables are updated in place (a call runs to
 * its end before another starts, and one that raced a commit is retried from the new data).
 */
export function mergeData(work: Data): Data {
  const base = work.parent;
  if (!base) return work;
  const models = new Set([...Object.keys(work.tables), ...Object.keys(work.deleted ?? {})]);
  for (const model of models) {
    const table = (base.tables[model] ??= {});
    for (const [key, rec] of Object.entries(work.tables[model] ?? {})) {
      reindex(table, key, rec);
      table[key] = deepFreeze(rec);
    }
    for (const key of work.deleted?.[model] ?? []) {
      reindex(table, key, undefined);
      delete table[key];
    }
  }
  return { tables: base.tables, nextId: work.nextId, sequences: work.sequences };
}

/** Freezes committed data: a change that skips `getRec` then fails loudly instead of leaking. */
export function freezeData(data: Data): Data {
  for (const table of Object.values(data.tables)) Object.values(table).forEach(deepFreeze);
  return data;
}

function indexOf(table: Record<string, Rec>, field: string): Index {
  let byName = indexes.get(table);
  if (!byName) indexes.set(table, (byName = new Map<string, Index>()));
  let index = byName.get(field);
  if (!index) {
    index = new Map<unknown, Set<number>>();
    for (const key in table) add(index, table[key]?.[field], Number(key));
    byName.set(field, index);
  }
  return index;
}

function reindex(table: Record<string, Rec>, key: string, next: Rec | undefined): void {
  const byName = indexes.get(table);
  if (!byName) return;
  const prev = table[key];
  for (const [field, index] of byName) {
    if (prev && next && prev[field] === next[field]) continue;
    if (prev) remove(index, prev[field], Number(key));
    if (next) add(index, next[field], Number(key));
  }
}

const holds = (stored: unknown, value: unknown) =>
  Array.isArray(stored) ? stored.includes(value) : stored === value;

function add(index: Index, stored: unknown, id: number): void {
  for (const value of Array.isArray(stored) ? stored : [stored]) {
    let ids = index.get(value);
    if (!ids) index.set(value, (ids = new Set()));
    ids.add(id);
  }
}

function remove(index: Index, stored: unknown, id: number): void {
  for (const value of Array.isArray(stored) ? stored : [stored]) index.get(value)?.delete(id);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
