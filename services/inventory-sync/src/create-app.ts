import { randomUUID } from 'node:crypto';
import { topicContractOf, topicSpecOf } from '@o2c/contracts';
import { createConsumerRuntime } from '@o2c/inbox';
import { createAvroSerde, createSchemaRegistry, ensureTopics } from '@o2c/kafka';
import { createOutbox, createOutboxRelay } from '@o2c/outbox';
import { createServiceHost, type ServiceHost } from '@o2c/platform';
import { Router } from 'express';
import { Counter } from 'prom-client';
import { migrations } from '../adapters/db/migrations';
import { inventoryRoutes } from '../adapters/http/inventory-routes';
import { openApiDocument } from '../adapters/http/openapi';
import { mapError } from '../adapters/http/problems';
import { catalogueHandler, MASTER_DATA_TOPIC } from '../adapters/kafka/catalogue-handler';
import { INPUT_TOPICS, inventoryHandler } from '../adapters/kafka/inventory-handler';
import { createOdooStockClient } from '../adapters/odoo/odoo-stock-client';
import type { Config } from '../config';
import type { InventoryDeps } from './inventory-deps';
import { reconcile } from './reconcile';
import { scheduleReconciliation } from './schedule-reconciliation';

const SERVICE = 'inventory-sync';

/**
 * Stock positions from Odoo, reservations and backorders for accepted orders, releases on
 * cancellation or compensation, and reconciliation against Odoo through odoo-adapter.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  const api = Router();
  const host = createServiceHost({
    service: SERVICE,
    config,
    migrations,
    routes: (app) => app.use(api),
    mapError,
  });
  const { logger } = host;
  const reservations = new Counter({
    name: 'o2c_reservations_total',
    help: 'OrderAccepted reservations by outcome (full, partial, backordered, substituted)',
    labelNames: ['outcome'],
    registers: [host.metrics],
  });
  const drifts = new Counter({
    name: 'o2c_inventory_drifts_total',
    help: 'Differences with Odoo found (and corrected) by reconciliation runs',
    registers: [host.metrics],
  });
  const serde = createAvroSerde(createSchemaRegistry(config.SCHEMA_REGISTRY_URL, SERVICE));
  const deps: InventoryDeps = {
    db: host.db,
    outbox: createOutbox({ serde, service: SERVICE }),
    topicPrefix: config.TOPIC_PREFIX,
    now: Date.now,
    newId: randomUUID,
    onReserved: (outcome) => reservations.inc({ outcome }),
    onDrift: () => drifts.inc(),
  };
  const readOdooStock = createOdooStockClient(
    config.ODOO_ADAPTER_URL,
    config.ODOO_ADAPTER_TIMEOUT_MS,
  );
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  api.use(
    inventoryRoutes({
      db: host.db,
      service: SERVICE,
      reconcile: () => reconcile(deps, readOdooStock, 'on-demand'),
    }),
  );

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
  host.use('consumer', async ({ fail }) => {
    const topics = INPUT_TOPICS.map((t) => ({
      topic: config.TOPIC_PREFIX + t,
      numPartitions: topicContractOf(t).partitions,
    }));
    await ensureTopics(host.kafka, topics);
    const runtime = createConsumerRuntime({
      onFailure: fail,
      kafka: host.kafka,
      db: host.db,
      serde,
      groupId: config.CONSUMER_GROUP,
      topics: topics.map((t) => t.topic),
      handler: inventoryHandler(deps),
      // A dispatch may wait for its FulfillmentRequested, a cancel for its order: generous
      // retries with short back-off, and a waiting partition holds back only itself.
      maxAttempts: 20,
      backoff: { maxMs: 3000 },
      partitionsConcurrently: topics.reduce((n, t) => n + t.numPartitions, 0),
      logger,
      metrics: host.metrics,
    });
    await runtime.start();
    return () => runtime.stop();
  });
  host.use('catalogue consumer', async ({ fail }) => {
    // A group of its own reading the compacted topic from the beginning: a new deployment
    // builds its whole catalogue, and a backlog of master data never delays reservations.
    const spec = topicSpecOf(MASTER_DATA_TOPIC, config.TOPIC_PREFIX);
    await ensureTopics(host.kafka, [spec]);
    const runtime = createConsumerRuntime({
      onFailure: fail,
      kafka: host.kafka,
      db: host.db,
      serde,
      groupId: `${config.CONSUMER_GROUP}.master-data`,
      topics: [spec.topic],
      handler: catalogueHandler,
      partitionsConcurrently: spec.numPartitions,
      logger,
      metrics: host.metrics,
    });
    await runtime.start();
    return () => runtime.stop();
  });
  host.use('reconciliation schedule', () => {
    const stop = scheduleReconciliation(config.RECONCILE_INTERVAL_MS, logger, () =>
      reconcile(deps, readOdooStock, 'scheduled'),
    );
    return Promise.resolve(stop);
  });
  return host;
}
