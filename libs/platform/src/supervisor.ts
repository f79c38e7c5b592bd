import type { Logger } from '@o2c/observability';
import { isPermanentStartupError, startupBackoff } from './startup-errors';

export type Stop = () => Promise<void>;

export interface ComponentContext {
  /** A running component that died reports it here: the host stops it and starts it again. */
  readonly fail: (error: unknown) => void;
}

/**
 * Starts one part of the service (relay, consumer, scheduler…) and returns how to stop it. A start
 * that throws must leave nothing open behind it: it is called again after a back-off.
 */
export type ComponentStart = (context: ComponentContext) => Promise<Stop | void>;

interface Component {
  name: string;
  start: ComponentStart;
  stop?: Stop;
  /** Why it is not running (yet), for /readyz; undefined once running. */
  waiting?: string;
  restarting?: Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Starts components in order and keeps them running: a transient failure (at start or later,
 * reported through `fail`) is retried with capped back-off and jitter, for as long as it lasts;
 * a permanent one (bad credentials, missing database, a bug) rejects `failed` so the process exits.
 */
export function createSupervisor(logger: Logger) {
  const components: Component[] = [];
  let stopping = false;
  let fatal: Error | undefined;
  let reportFatal: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (reportFatal = resolve));
  const sleepers = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  async function startOne(c: Component): Promise<void> {
    for (let attempt = 1; !stopping && !fatal; attempt++) {
      try {
        const stop = await c.start({ fail: (error) => restart(c, error) });
        if (stopping) return void (await stop?.());
        c.stop = stop ?? undefined;
        c.waiting = undefined;
        if (attempt > 1) logger.info({ component: c.name, attempt }, `${c.name} started`);
        return;
      } catch (error) {
        if (isPermanentStartupError(error)) {
          fatal = new Error(`${c.name}: ${messageOf(error)}`, { cause: error });
          c.waiting = `failed for good: ${messageOf(error)}`;
          logger.fatal({ err: error, component: c.name }, `${c.name} cannot start`);
          reportFatal(fatal);
          return;
        }
        c.waiting = messageOf(error);
        const delayMs = startupBackoff(attempt);
        logger.warn(
          { err: error, component: c.name, attempt, delayMs },
          `${c.name} not started yet, retrying`,
        );
        await sleep(delayMs);
      }
    }
  }

  function restart(c: Component, error: unknown): void {
    if (stopping || fatal || c.restarting || !c.stop) return;
    logger.error({ err: error, component: c.name }, `${c.name} failed; restarting it`);
    c.waiting = `restarting after: ${messageOf(error)}`;
    const stop = c.stop;
    c.stop = undefined;
    c.restarting = stop()
      .catch((err: unknown) => logger.warn({ err, component: c.name }, 'stop before restart'))
      .then(() => startOne(c))
      .finally(() => (c.restarting = undefined));
  }

  return {
    add(name: string, start: ComponentStart) {
      components.push({ name, start, waiting: 'not started yet' });
    },
    /** Starts every component in order; resolves once all run, or on stop or a fatal error. */
    async run() {
      for (const c of components) {
        await startOne(c);
        if (stopping || fatal) return;
      }
    },
    /** Undefined when every component runs; otherwise what the first one waits for. */
    status(): string | undefined {
      if (fatal) return `start-up failed: ${fatal.message}`;
      const c = components.find((x) => x.waiting !== undefined);
      return c ? `waiting for ${c.name}: ${c.waiting}` : undefined;
    },
    /** Resolves with the error when a component failed for good. */
    failed,
    /** Stops retrying, then stops the running components in reverse order. */
    async stop() {
      stopping = true;
      sleepers.forEach((wake) => wake());
      await Promise.all(components.flatMap((c) => (c.restarting ? [c.restarting] : [])));
      for (const c of [...components].reverse()) {
        const stop = c.stop;
        c.stop = undefined;
        await stop?.().catch((err: unknown) =>
          logger.error({ err, component: c.name }, 'component stop failed'),
        );
      }
    },
  };
}

export type Supervisor = ReturnType<typeof createSupervisor>;
