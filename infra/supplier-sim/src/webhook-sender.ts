import { tracedFetch } from '@o2c/observability';
import type { Logger } from 'pino';
import { signature } from './sign';
import type { AnswerDelivery } from './supplier-state';

export interface WebhookSenderOptions {
  secret: string;
  logger: Logger;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Posts a supplier's answer to the order's callbackUrl, signed, until it answers 2xx (network
 * errors and other statuses are retried with exponential back-off); stopped by cancelAll.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const initialMs = options.initialBackoffMs ?? 100;
  const maxMs = options.maxBackoffMs ?? 5_000;
  const pending = new Set<Promise<void>>();
  let generation = 0;

  async function post(url: string, delivery: AnswerDelivery, gen: number) {
    const body = JSON.stringify(delivery.body);
    while (gen === generation) {
      delivery.attempts += 1;
      try {
        const timestamp = Math.floor(Date.now() / 1000);
        const res = await tracedFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-supplier-timestamp': String(timestamp),
            'x-supplier-signature': signature(options.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(5000),
        });
        delivery.lastStatus = res.status;
        await res.body?.cancel();
        if (res.ok) {
          delivery.deliveredAt = Date.now();
          return;
        }
      } catch (err) {
        delivery.lastStatus = null;
        options.logger.debug({ err, url }, 'supplier webhook failed');
      }
      await new Promise((r) => setTimeout(r, Math.min(maxMs, initialMs * 2 ** delivery.attempts)));
    }
  }

  return {
    send(url: string, delivery: AnswerDelivery, afterMs = 0) {
      const gen = generation;
      const run = new Promise((r) => setTimeout(r, afterMs))
        .then(() => post(url, delivery, gen))
        .catch((err: unknown) => options.logger.warn({ err }, 'supplier webhook sender failed'));
      pending.add(run);
      void run.finally(() => pending.delete(run));
    },
    /** Drops pending retries (reset, stop). */
    cancelAll() {
      generation += 1;
    },
    async idle() {
      await Promise.all(pending);
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
