import { claimDueShipment } from '../../adapters/db/shipment-repository';
import type { Shipment, TrackedMilestone } from '../../domain';
import type { SagaDeps } from '../saga-deps';
import { applyMilestone } from '../webhooks/apply-milestone';
import { inShipmentTrace } from './in-shipment-trace';
import { runStep } from './run-step';

export interface SagaWorkerOptions {
  /** Steps run at once (each holds one connection and one row lock). */
  concurrency: number;
  pollIntervalMs: number;
}

/**
 * In-process workers of due saga steps; several run in parallel thanks to skip locked. While
 * nothing is due, one worker polls and the others wait. A worker that claims a step wakes one
 * more (there may be others due), and `wakeAt(at)` (a step saved as due at `at`, once its
 * transaction commits) wakes one then: at once for a new shipment, at the time of a retry or a
 * deadline. One alarm is kept, the earliest; the poll is what finds the others, and the steps of
 * other instances. Four pollers used to cost an idle service about 30 ms of CPU a second, and a
 * new step waited for the next poll.
 */
export function createSagaWorker(deps: SagaDeps, options: SagaWorkerOptions) {
  const abort = new AbortController();
  let loops: Array<Promise<void>> = [];
  let waiters: Array<() => void> = [];
  let polling = false;

  const wakeOne = () => waiters.shift()?.();
  const wakeAll = () => {
    const woken = waiters;
    waiters = [];
    woken.forEach((w) => w());
  };
  let alarm: { at: number; timer: NodeJS.Timeout } | undefined;
  const wakeAt = (at: number) => {
    const delay = at - deps.now();
    if (delay <= 0) return wakeOne();
    if (alarm && alarm.at <= at) return;
    clearTimeout(alarm?.timer);
    const timer = setTimeout(() => {
      alarm = undefined;
      wakeOne();
    }, delay);
    alarm = { at, timer: timer.unref() };
  };
  abort.signal.addEventListener(
    'abort',
    () => {
      clearTimeout(alarm?.timer);
      wakeAll();
    },
    { once: true },
  );

  /** Until woken (or stopped), or `ms` have passed when given. */
  const waitForWork = (ms?: number) =>
    new Promise<void>((resolve) => {
      if (abort.signal.aborted) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const woken = () => {
        clearTimeout(timer);
        resolve();
      };
      waiters.push(woken);
      if (ms !== undefined)
        timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== woken);
          resolve();
        }, ms);
    });

  /** Lost webhooks, recovered from the carrier's tracking, go through the webhook's own path. */
  const recover = async (s: Shipment, missed: TrackedMilestone[]) => {
    for (const m of missed) {
      const result = await applyMilestone(deps, {
        carrier: s.carrierCode ?? '',
        trackingNumber: s.trackingNumber ?? '',
        reference: s.shipmentId,
        ...m,
      });
      deps.logger.warn({ shipmentId: s.shipmentId, ...m, result }, 'missed milestone recovered');
    }
  };

  const tick = async () => {
    const claimed = await deps.db.transaction(async (trx) => {
      const due = await claimDueShipment(trx, deps.now());
      if (!due) return undefined;
      wakeOne();
      const { shipment } = due;
      const missed = await inShipmentTrace(
        due.traceparent,
        { shipmentId: shipment.shipmentId, orderId: shipment.orderId },
        `saga step ${shipment.state.toLowerCase()}`,
        () => runStep(trx, shipment, deps, abort.signal),
      );
      return { shipment, missed };
    });
    if (!claimed) return false;
    if (claimed.missed.length) await recover(claimed.shipment, claimed.missed);
    return true;
  };

  async function loop() {
    while (!abort.signal.aborted) {
      try {
        if (await tick()) continue;
        if (polling) {
          await waitForWork();
          continue;
        }
        polling = true;
        await waitForWork(options.pollIntervalMs).finally(() => (polling = false));
      } catch (err) {
        if (abort.signal.aborted) return;
        deps.logger.error({ err }, 'saga step failed; it stays due');
        await waitForWork(options.pollIntervalMs * 5);
      }
    }
  }

  return {
    start() {
      loops = Array.from({ length: options.concurrency }, () => loop());
    },
    /** A step is due at `at` (epoch ms): a waiting worker takes it then, not at the next poll. */
    wakeAt,
    async stop() {
      abort.abort();
      await Promise.all(loops);
    },
  };
}
