import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

/** Turns successes and failures of a dependency into transitions: one signal per change. */
export interface Reachability {
  up(): void;
  down(error: unknown): void;
}

/**
 * Calls `onChange` when a dependency is lost (first failure, including before any success) and
 * when it comes back after that; repeated failures or successes say nothing new.
 */
export function createReachability(
  onChange: (reachable: boolean, error?: unknown) => void,
): Reachability {
  let state: 'unknown' | 'up' | 'down' = 'unknown';
  return {
    up() {
      if (state === 'down') onChange(true);
      state = 'up';
    },
    down(error) {
      if (state !== 'down') onChange(false, error);
      state = 'down';
    },
  };
}

/** Runs `probe` every `intervalMs` (and at once), feeding `reach`; returns how to stop. */
export function watchReachability(
  probe: () => Promise<void>,
  reach: Reachability,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= probe()
      .then(
        () => reach.up(),
        (error: unknown) => reach.down(error),
      )
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

// mappersmith reports a network failure as a ResponseError with status 400 (no HTTP reply at all).
const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|socket hang up|timeout/i;
const unreachable = (error: unknown) => {
  const e = error as { name?: string; status?: number; message?: string } | null;
  return e?.name === 'ResponseError' && ((e.status ?? 0) >= 500 || NETWORK.test(e.message ?? ''));
};

type Method = 'getRegistryIdBySchema' | 'register' | 'getSchema';

/**
 * Watches the calls a service makes to the schema registry (it calls it only for schemas it has
 * not cached): an outage and its end feed `reach`, and a schema version the registry did not have
 * (`register` reached: the look-up found none) calls `registered`.
 */
export function observeRegistry(
  registry: SchemaRegistry,
  hooks: { reach: Reachability; registered(subject: string, id: number): void },
): SchemaRegistry {
  const track = <M extends Method>(method: M) => {
    const original = (registry[method] as (...a: unknown[]) => Promise<unknown>).bind(registry);
    const wrapped = async (...args: unknown[]) => {
      try {
        const result = await original(...args);
        hooks.reach.up();
        return result;
      } catch (error) {
        if (unreachable(error)) hooks.reach.down(error);
        else hooks.reach.up();
        throw error;
      }
    };
    return wrapped as unknown as SchemaRegistry[M];
  };
  registry.getRegistryIdBySchema = track('getRegistryIdBySchema');
  registry.getSchema = track('getSchema');
  const register = track('register');
  registry.register = async (...args: Parameters<SchemaRegistry['register']>) => {
    const result = await register(...args);
    const subject = (args[1] as { subject?: string } | undefined)?.subject;
    if (subject) hooks.registered(subject, result.id);
    return result;
  };
  return registry;
}
