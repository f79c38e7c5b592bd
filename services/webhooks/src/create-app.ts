import { randomUUID } from 'node:crypto';
import { createServiceHost, useConsumer, type ServiceHost } from '@o2c/platform';
import { Counter, Histogram } from 'prom-client';
import { migrations } from './adapters/db/migrations';
import { postWebhook } from './adapters/endpoint/post-webhook';
import { webhookRoutes } from './adapters/http/webhook-routes';
import { webhookHandler } from './adapters/kafka/webhook-handler';
import { startDispatcher } from './app/dispatcher';
import { consumedTopics } from './app/event-types';
import type { Config } from './config';

const SERVICE = 'webhooks';

/**
 * Outbound webhooks: subscriptions through the API; every order event consumed (through the
 * inbox) becomes one delivery per interested subscription; a dispatcher signs and sends them,
 * retrying on a schedule, one order's in order.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  const host = createServiceHost({ service: SERVICE, config, migrations });
  const attempts = new Counter({
    name: 'o2c_webhook_attempts_total',
    help: 'Webhook delivery attempts, by outcome (delivered, failed)',
    labelNames: ['outcome'],
    registers: [host.metrics],
  });
  const latency = new Histogram({
    name: 'o2c_webhook_attempt_duration_seconds',
    help: 'Time from sending a webhook to its answer (or the timeout), by outcome (delivered, failed)',
    labelNames: ['outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [host.metrics],
  });
  const gaveUp = new Counter({
    name: 'o2c_webhook_deliveries_failed_total',
    help: 'Webhook deliveries that failed for good: every attempt of the retry schedule failed',
    registers: [host.metrics],
  });
  host.api.use(
    webhookRoutes({
      db: host.db,
      now: Date.now,
      newId: randomUUID,
      secretOverlapMs: config.WEBHOOK_SECRET_OVERLAP_MS,
    }),
  );
  useConsumer(host, {
    topics: consumedTopics,
    handler: webhookHandler(randomUUID),
    maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    backoff: { maxMs: config.CONSUMER_BACKOFF_MAX_MS },
  });
  host.use('webhook dispatcher', () =>
    Promise.resolve(
      startDispatcher({
        db: host.db,
        logger: host.logger,
        post: postWebhook,
        concurrency: config.WEBHOOK_CONCURRENCY,
        pollMs: config.WEBHOOK_POLL_MS,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        retryScheduleMs: config.WEBHOOK_RETRY_SCHEDULE_MS,
        disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
        onAttempt: (outcome, seconds) => {
          attempts.inc({ outcome });
          latency.observe({ outcome }, seconds);
        },
        onGaveUp: () => gaveUp.inc(),
        now: Date.now,
        random: Math.random,
      }),
    ),
  );
  return host;
}
