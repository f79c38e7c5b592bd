import { tracedFetch } from '@o2c/observability';
import type { Logger } from 'pino';
import { signature } from './sign';
import type { Milestone, Shipment, WebhookDelivery } from './types';

export interface WebhookSenderOptions {
  secret: string;
  logger: Logger;
  maxAttempts?: number;
  initialBackoffMs?: number;
}

/**
 * Posts milestone webhooks, one shipment's in order (delivered never overtakes picked_up),
 * retrying non-2xx answers and network errors with exponential back-off.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const maxAttempts = options.maxAttempts ?? 10;
  const initialMs = options.initialBackoffMs ?? 100;
  const queues = new Map<string, Promise<void>>();
  let generation = 0;

  async function post(shipment: Shipment, delivery: WebhookDelivery, body: string, gen: number) {
    while (delivery.attempts < maxAttempts && gen === generation) {
      delivery.attempts += 1;
      try {
        const timestamp = Math.floor(Date.now() / 1000);
        const res = await tracedFetch(shipment.callbackUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-carrier-timestamp': String(timestamp),
            'x-carrier-signature': signature(options.secret, timestamp, body),
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
        options.logger.debug({ err, url: shipment.callbackUrl }, 'webhook failed');
      }
      await new Promise((r) => setTimeout(r, Math.min(5000, initialMs * 2 ** delivery.attempts)));
    }
    options.logger.warn(
      { trackingNumber: shipment.trackingNumber, milestone: delivery.milestone },
      'webhook given up',
    );
  }

  return {
    send(shipment: Shipment, milestone: Milestone, occurredAt: number, receivedBy?: string) {
      const body = JSON.stringify({
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        reference: shipment.reference,
        milestone,
        occurredAt,
        ...(receivedBy ? { receivedBy } : {}),
      });
      const delivery: WebhookDelivery = {
        milestone,
        attempts: 0,
        lastStatus: null,
        deliveredAt: null,
      };
      shipment.webhooks.push(delivery);
      const gen = generation;
      const previous = queues.get(shipment.trackingNumber) ?? Promise.resolve();
      const next = previous.then(() => post(shipment, delivery, body, gen));
      queues.set(shipment.trackingNumber, next);
    },
    /** Drops pending retries (reset, stop). */
    cancelAll() {
      generation += 1;
      queues.clear();
    },
    /** Resolves once every queued webhook was delivered or given up. */
    async idle() {
      await Promise.all(queues.values());
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
