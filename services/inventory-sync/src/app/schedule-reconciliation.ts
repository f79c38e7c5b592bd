import type { Logger } from '@o2c/observability';
import type { ReconciliationReport } from './reconcile';

/** Runs a reconciliation every `intervalMs` (0 = never), one at a time; returns its stop. */
export function scheduleReconciliation(
  intervalMs: number,
  logger: Logger,
  run: () => Promise<ReconciliationReport>,
): () => Promise<void> {
  if (intervalMs === 0) return () => Promise.resolve();
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= run()
      .then((r) =>
        logger.info(
          { runId: r.runId, checked: r.checked, drifts: r.drifts.length },
          'reconciliation done',
        ),
      )
      .catch((err: unknown) => logger.error({ err }, 'scheduled reconciliation failed'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
