import type { Logger } from '@o2c/observability';

/**
 * Runs `run` every `intervalMs` (0 = never), one run at a time, logging a failed run as
 * `scheduled <what> failed`; returns its stop, which waits for a run in progress.
 */
export function scheduleRuns(
  what: string,
  intervalMs: number,
  logger: Logger,
  run: () => Promise<unknown>,
): () => Promise<void> {
  if (intervalMs === 0) return () => Promise.resolve();
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= run()
      .then(() => undefined)
      .catch((err: unknown) => logger.error({ err }, `scheduled ${what} failed`))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
