import type { Logger } from '@o2c/observability';
import type { ReplenishmentRun } from './run-replenishment';

/** Runs the planner every `intervalMs` (0 = never), one run at a time; returns its stop. */
export function scheduleReplenishment(
  intervalMs: number,
  logger: Logger,
  run: () => Promise<ReplenishmentRun>,
): () => Promise<void> {
  if (intervalMs === 0) return () => Promise.resolve();
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= run()
      .then((r) => {
        if (r.proposals.length || r.skipped.length) {
          logger.info(
            { proposed: r.proposals.length, skipped: r.skipped },
            'replenishment planned',
          );
        }
      })
      .catch((err: unknown) => logger.error({ err }, 'scheduled replenishment failed'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
