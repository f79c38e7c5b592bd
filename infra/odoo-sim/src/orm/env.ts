import type { VersionProfile } from '../version';
import type { Context, Data, Env, Registry } from './types';

export function emptyData(): Data {
  return { tables: {}, nextId: {}, sequences: {} };
}

/**
 * A transaction's working copy of committed data (tables are copied lazily by `table`). Ids are
 * shared, not copied: like PostgreSQL sequences they are consumed even when the call rolls back.
 */
export function forkData(base: Data): Data {
  return { tables: {}, nextId: base.nextId, sequences: { ...base.sequences }, parent: base };
}

/** The committed result of a working copy. */
export function mergeData(work: Data): Data {
  const base = work.parent;
  return {
    tables: { ...base?.tables, ...work.tables },
    nextId: work.nextId,
    sequences: work.sequences,
  };
}

export function makeEnv(
  data: Data,
  registry: Registry,
  profile: VersionProfile,
  uid: number,
  context: Context,
  stamp: string,
): Env {
  return {
    data,
    registry,
    profile,
    uid,
    // as in Odoo's call_kw: only what the caller sent (no user lang/tz/uid)
    context: { ...context },
    now: stamp.slice(0, 19),
    stamp,
    events: [],
  };
}
