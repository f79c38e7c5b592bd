import type { Knex } from 'knex';
import type { Logger } from 'pino';
import {
  claimDue,
  markDelivered,
  markFailed,
  type DueDelivery,
} from '../adapters/db/delivery-store';
import { recordOutcome } from '../adapters/db/subscription-store';
import type { WebhookRequest, WebhookResponse } from '../adapters/endpoint/post-webhook';
import { nextAttemptDelay } from '../domain';

export interface DispatcherOptions {
  db: Knex;
  logger: Logger;
  post: (request: WebhookRequest, timeoutMs: number) => Promise<WebhookResponse>;
  /** Deliveries in flight at once. */
  concurrency: number;
  pollMs: number;
  timeoutMs: number;
  retryScheduleMs: readonly number[];
  disableAfterFailures: number;
  onAttempt: (outcome: 'delivered' | 'failed', seconds: number) => void;
  /** A delivery failed for good: its retry schedule is exhausted (a replay starts it over). */
  onGaveUp?: () => void;
  now: () => number;
  random: () => number;
}

/**
 * Sends due deliveries, up to `concurrency` at a time, until stopped. A delivery is claimed (and
 * leased) in Postgres before its POST and settled after it: a crash in between sends it again
 * once the lease ends (at least once; `webhook-id` lets the receiver drop the copy).
 */
export function startDispatcher(o: DispatcherOptions): () => Promise<void> {
  const log = o.logger.child({ component: 'webhook-dispatcher' });
  const inFlight = new Set<Promise<void>>();
  let running = true;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function deliver(d: DueDelivery): Promise<void> {
    const startedAt = new Date(o.now());
    const t0 = performance.now();
    const response = await o.post(
      {
        url: d.url,
        id: d.id,
        body: d.body,
        secrets: d.secrets,
        timestampSeconds: Math.floor(o.now() / 1000),
      },
      o.timeoutMs,
    );
    const durationMs = Math.round(performance.now() - t0);
    const record = {
      deliveryId: d.id,
      attempt: d.attempt,
      startedAt,
      durationMs,
      statusCode: response.statusCode,
      error: response.error,
    };
    o.onAttempt(response.ok ? 'delivered' : 'failed', durationMs / 1000);
    if (response.ok) {
      await markDelivered(o.db, record);
      await recordOutcome(o.db, d.subscriptionId, true, o.disableAfterFailures);
      return;
    }
    const retryInMs = nextAttemptDelay(o.retryScheduleMs, d.roundAttempt, o.random);
    await markFailed(o.db, record, retryInMs);
    if (retryInMs === undefined) o.onGaveUp?.();
    const { disabled } = await recordOutcome(o.db, d.subscriptionId, false, o.disableAfterFailures);
    log.warn(
      { deliveryId: d.id, attempt: d.attempt, error: response.error, retryInMs, disabled },
      retryInMs === undefined ? 'webhook failed for good' : 'webhook attempt failed',
    );
  }

  const track = (d: DueDelivery) => {
    const p = deliver(d)
      .catch((error: unknown) => log.error({ err: error, deliveryId: d.id }, 'settling failed'))
      .finally(() => {
        inFlight.delete(p);
        wake?.();
      });
    inFlight.add(p);
  };

  const loop = (async () => {
    while (running) {
      const free = o.concurrency - inFlight.size;
      let claimed: DueDelivery[] = [];
      if (free > 0) {
        claimed = await claimDue(o.db, free, o.timeoutMs + 5_000).catch((error: unknown) => {
          log.error({ err: error }, 'claiming due webhooks failed');
          return [];
        });
        claimed.forEach(track);
      }
      if (claimed.length === 0 && running) await pause(o.pollMs);
    }
  })();

  return async () => {
    running = false;
    wake?.();
    await loop;
    await Promise.all(inFlight);
  };
}
