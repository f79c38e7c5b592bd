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
  now: string,
): Env {
  return {
    data,
    registry,
    profile,
    uid,
    context: { lang: 'en_US', tz: 'UTC', uid, ...context },
    now,
    events: [],
  };
}
