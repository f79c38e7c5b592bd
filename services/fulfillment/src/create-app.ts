import { randomUUID } from 'node:crypto';
import { secretValues } from '@o2c/config';
import {
  createEventRouter,
  createServiceHost,
  useConsumer,
  useOutboxRelay,
  type ServiceHost,
} from '@o2c/platform';
import { createCarrierClient } from './adapters/carrier/carrier-client';
import { countedCarrier } from './adapters/carrier/counted-carrier';
import type { CarrierPort } from './adapters/carrier/carrier-port';
import { migrations } from './adapters/db/migrations';
import { adminRoutes } from './adapters/http/admin-routes';
import { orderRoutes } from './adapters/http/order-routes';
import { mapDomainError } from './adapters/http/problems';
import { webhookRoutes } from './adapters/http/webhook-routes';
import { CONSUMED_TOPICS, routeFulfillment } from './adapters/kafka/fulfillment-handler';
import type { Config } from './config';
import { exceptionGauges } from './app/exceptions/exception-gauges';
import { createSagaWorker } from './app/saga/saga-worker';
import type { SagaDeps } from './app/saga-deps';

const SERVICE = 'fulfillment';

/**
 * The fulfillment saga: one persisted saga per shipment, started by StockReserved, driven by a
 * worker (carrier booking, timeouts, cancellations) and by carrier webhooks (milestones).
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  const host = createServiceHost({
    service: SERVICE,
    config,
    migrations,
    mapError: mapDomainError,
  });
  let listeningUrl = `http://127.0.0.1:${config.PORT}`;
  let worker: ReturnType<typeof createSagaWorker> | undefined;
  const deps: SagaDeps = {
    db: host.db,
    outbox: host.outbox,
    topicPrefix: host.topicPrefix,
    policy: {
      carriers: config.CARRIERS,
      maxAttemptsPerCarrier: config.CARRIER_MAX_ATTEMPTS,
      backoffInitialMs: config.CARRIER_BACKOFF_MS,
      backoffMaxMs: config.CARRIER_BACKOFF_MAX_MS,
      dispatchTimeoutMs: config.DISPATCH_TIMEOUT_MS,
      deliveryTimeoutMs: config.DELIVERY_TIMEOUT_MS,
    },
    carrier: signalledCarrier(
      countedCarrier(
        createCarrierClient({
          baseUrl: config.CARRIER_API_URL,
          timeoutMs: config.CARRIER_TIMEOUT_MS,
        }),
        host.metrics,
      ),
      host,
    ),
    publicUrl: () => config.PUBLIC_URL ?? listeningUrl,
    now: Date.now,
    newId: randomUUID,
    logger: host.logger,
    stepDue: (at) => worker?.wakeAt(at),
  };
  exceptionGauges(host.metrics, host.db, deps.now);
  host.api.use(adminRoutes(host.db));
  host.api.use(
    webhookRoutes(deps, {
      secrets: secretValues(config.CARRIER_WEBHOOK_SECRET),
      toleranceMs: config.CARRIER_WEBHOOK_TOLERANCE_MS,
    }),
  );
  host.api.use(orderRoutes(deps));

  useOutboxRelay(host);
  // Before the consumer: a restarted instance may wait a session timeout to rejoin its group,
  // and the saga's due steps do not depend on it.
  host.use('saga worker', () => {
    const started = createSagaWorker(deps, {
      concurrency: config.SAGA_WORKERS,
      pollIntervalMs: config.SAGA_POLL_MS,
    });
    started.start();
    worker = started;
    return Promise.resolve(() => started.stop());
  });

  useConsumer(host, {
    topics: CONSUMED_TOPICS,
    handler: routeFulfillment(createEventRouter(), deps),
    // A reservation waiting for its order (another topic) retries without blocking the rest.
    maxAttempts: 20,
    backoff: { initialMs: 200, maxMs: 3000 },
  });
  const start = host.start.bind(host);
  return {
    ...host,
    async start() {
      listeningUrl = await start();
      return listeningUrl;
    },
  };
}

/**
 * A booking answered 5xx, timed out or found no carrier is a "carrier down" moment: recorded as
 * CARRIER_UNREACHABLE (subject carrier:<code>) once, and CARRIER_REACHABLE when it answers again.
 */
function signalledCarrier(inner: CarrierPort, host: ServiceHost): CarrierPort {
  return {
    ...inner,
    async book(carrier, key, request, signal) {
      const outcome = await inner.book(carrier, key, request, signal);
      const reach = host.reachability(`carrier:${carrier}`, 'CARRIER');
      if (outcome.kind === 'transient') reach.down(new Error(outcome.reason));
      else reach.up();
      return outcome;
    },
  };
}
