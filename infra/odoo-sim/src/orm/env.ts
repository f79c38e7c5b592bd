import type { VersionProfile } from '../version';
import type { Context, Data, Env, Registry } from './types';

export function emptyData(): Data {
  return { tables: {}, nextId: {}, sequences: {} };
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
