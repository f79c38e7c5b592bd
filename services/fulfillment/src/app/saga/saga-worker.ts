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

/** In-process pollers of due saga steps; several run in parallel thanks to skip locked. */
export function createSagaWorker(deps: SagaDeps, options: SagaWorkerOptions) {
  const abort = new AbortController();
  let loops: Array<Promise<void>> = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
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
      const shipment = await claimDueShipment(trx, deps.now());
      if (!shipment) return undefined;
      const missed = await inShipmentTrace(
        trx,
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
        if (!(await tick())) await sleep(options.pollIntervalMs);
      } catch (err) {
        if (abort.signal.aborted) return;
        deps.logger.error({ err }, 'saga step failed; it stays due');
        await sleep(options.pollIntervalMs * 5);
      }
    }
  }

  return {
    start() {
      loops = Array.from({ length: options.concurrency }, () => loop());
    },
    async stop() {
      abort.abort();
      await Promise.all(loops);
    },
  };
}
