import { randomUUID } from 'node:crypto';
import { topicContractOf, topicSpecOf } from '@o2c/contracts';
import { createConsumerRuntime } from '@o2c/inbox';
import { createAvroSerde, createSchemaRegistry, ensureTopics } from '@o2c/kafka';
import { createOutbox, createOutboxRelay } from '@o2c/outbox';
import { createServiceHost, type ServiceHost } from '@o2c/platform';
import { Router } from 'express';
import { Counter } from 'prom-client';
import { migrations } from '../adapters/db/migrations';
import { aliasRoutes } from '../adapters/http/alias-routes';
import { MASTER_DATA_TOPIC, masterDataHandler } from '../adapters/kafka/master-data-handler';
import { openApiDocument } from '../adapters/http/openapi';
import { orderRoutes } from '../adapters/http/order-routes';
import { verifyRoute } from '../adapters/http/verify-route';
import { PROGRESS_TOPICS, progressHandler } from '../adapters/kafka/progress-handler';
import { mapDomainError } from '../adapters/http/problems';
import {
  orderSubmittedHandler,
  SUBMISSIONS_TOPIC,
} from '../adapters/kafka/order-submitted-handler';
import type { Config } from '../config';
import type { OrderDeps } from './order/order-deps';

const SERVICE = 'order-intake';

/**
 * Accepts orders from REST and from channels.orders, validates them against local master data,
 * and records OrderAccepted / OrderRejected / OrderCancelled with their outbox rows.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  // Routes are mounted when the HTTP server is built, before the deps below exist.
  const api = Router();
  const host = createServiceHost({
    service: SERVICE,
    config,
    migrations,
    routes: (app) => app.use(api),
    mapError: mapDomainError,
  });
  const { logger } = host;
  const decided = new Counter({
    name: 'o2c_orders_decided_total',
    help: 'SubmitOrder decisions by source (rest, kafka) and outcome (accepted, rejected, duplicate)',
    labelNames: ['source', 'outcome'],
    registers: [host.metrics],
  });
  const serde = createAvroSerde(createSchemaRegistry(config.SCHEMA_REGISTRY_URL, SERVICE));
  const deps: OrderDeps = {
    db: host.db,
    outbox: createOutbox({ serde, service: SERVICE }),
    topicPrefix: config.TOPIC_PREFIX,
    now: Date.now,
    newOrderId: randomUUID,
    onDecided: (source, outcome) => decided.inc({ source, outcome }),
  };
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  api.use(orderRoutes({ ...deps, idempotencyStaleMs: config.IDEMPOTENCY_STALE_MS }));
  api.use(verifyRoute(host.db));
  api.use(aliasRoutes(host.db));
  const progressed = new Counter({
    name: 'o2c_order_progress_events_total',
    help: 'Downstream events folded into order status and timeline, by event type',
    labelNames: ['type'],
    registers: [host.metrics],
  });

  host.use('outbox relay', () => {
    // The relay's transactional id and checkpoint group follow the prefix: isolated
    // environments on one cluster must not fence each other's relay.
    const relay = createOutboxRelay({
      db: host.db,
      kafka: host.kafka,
      service: config.TOPIC_PREFIX ? `${SERVICE}-${config.TOPIC_PREFIX}` : SERVICE,
      logger,
      metrics: host.metrics,
    });
    relay.start();
    return Promise.resolve(() => relay.stop());
  });
  host.use('submissions consumer', async ({ fail }) => {
    const topic = config.TOPIC_PREFIX + SUBMISSIONS_TOPIC;
    const { partitions } = topicContractOf(SUBMISSIONS_TOPIC);
    await ensureTopics(host.kafka, [{ topic, numPartitions: partitions }]);
    const runtime = createConsumerRuntime({
      onFailure: fail,
      kafka: host.kafka,
      db: host.db,
      serde,
      groupId: config.CONSUMER_GROUP,
      topics: [topic],
      handler: orderSubmittedHandler(deps),
      // Keys (channel refs) stay in order within a partition; partitions are independent.
      partitionsConcurrently: partitions,
      // Submissions of one channel ref are resubmissions, not a sequence: a corrected one must
      // not wait behind a garbled one that was dead-lettered (the inbox dedupes by channel ref).
      keepKeyOrder: false,
      logger,
      metrics: host.metrics,
    });
    await runtime.start();
    return () => runtime.stop();
  });
  host.use('master-data consumer', async ({ fail }) => {
    // A group of its own that reads odoo.master-data (compacted) from the beginning: a new
    // deployment, or one whose tables were emptied, rebuilds them from Odoo's current state.
    const spec = topicSpecOf(MASTER_DATA_TOPIC, config.TOPIC_PREFIX);
    await ensureTopics(host.kafka, [spec]);
    const runtime = createConsumerRuntime({
      onFailure: fail,
      kafka: host.kafka,
      db: host.db,
      serde,
      groupId: `${config.CONSUMER_GROUP}.master-data`,
      topics: [spec.topic],
      handler: masterDataHandler(),
      partitionsConcurrently: spec.numPartitions,
      logger,
      metrics: host.metrics,
    });
    await runtime.start();
    return () => runtime.stop();
  });
  host.use('progress consumer', async ({ fail }) => {
    // A runtime (and group) of its own: a backlog of downstream news never delays intake.
    const topics = PROGRESS_TOPICS.map((t) => config.TOPIC_PREFIX + t);
    await ensureTopics(
      host.kafka,
      PROGRESS_TOPICS.map((t, i) => ({
        topic: topics[i]!,
        numPartitions: topicContractOf(t).partitions,
      })),
    );
    const runtime = createConsumerRuntime({
      onFailure: fail,
      kafka: host.kafka,
      db: host.db,
      serde,
      groupId: `${config.CONSUMER_GROUP}.progress`,
      topics,
      handler: progressHandler((type) => progressed.inc({ type })),
      partitionsConcurrently: PROGRESS_TOPICS.reduce(
        (n, t) => n + topicContractOf(t).partitions,
        0,
      ),
      logger,
      metrics: host.metrics,
    });
    await runtime.start();
    return () => runtime.stop();
  });
  return host;
}
