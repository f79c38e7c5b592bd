import { randomUUID } from 'node:crypto';
import { topicContractOf } from '@o2c/contracts';
import { createConsumerRuntime } from '@o2c/inbox';
import { createAvroSerde, createSchemaRegistry, ensureTopics } from '@o2c/kafka';
import { createOutbox, createOutboxRelay } from '@o2c/outbox';
import { createServiceHost, type ServiceHost } from '@o2c/platform';
import { Router } from 'express';
import { Counter } from 'prom-client';
import { migrations } from '../adapters/db/migrations';
import { invoicingRoutes } from '../adapters/http/invoicing-routes';
import { mapDomainError } from '../adapters/http/problems';
import { consumedTopics, invoicingHandler } from '../adapters/kafka/invoicing-handler';
import type { Config } from '../config';
import type { InvoicingDeps } from './invoicing-deps';

const SERVICE = 'invoicing';

/**
 * Invoices exactly what was shipped (one invoice per shipment), credits returns, records
 * Odoo's payments, and reconciles each order across orders, stock, shipments and money.
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
  const invoices = new Counter({
    name: 'o2c_invoices_issued_total',
    help: 'Invoices issued (one per dispatched shipment)',
    registers: [host.metrics],
  });
  const creditNotes = new Counter({
    name: 'o2c_credit_notes_issued_total',
    help: 'Credit notes issued (one per credited return)',
    registers: [host.metrics],
  });
  const payments = new Counter({
    name: 'o2c_payments_recorded_total',
    help: "Payments recorded, by the invoice's resulting status (PAID, PARTIALLY_PAID, OVERPAID…)",
    labelNames: ['status'],
    registers: [host.metrics],
  });
  const serde = createAvroSerde(createSchemaRegistry(config.SCHEMA_REGISTRY_URL, SERVICE));
  const deps: InvoicingDeps = {
    outbox: createOutbox({ serde, service: SERVICE }),
    topicPrefix: config.TOPIC_PREFIX,
    taxRateBps: config.TAX_RATE_BPS,
    paymentTermsDays: config.PAYMENT_TERMS_DAYS,
    now: Date.now,
    newId: randomUUID,
    onIssued: (document) => (document === 'invoice' ? invoices : creditNotes).inc(),
    onPayment: (status) => payments.inc({ status }),
  };
  api.use(invoicingRoutes({ db: host.db, now: Date.now, service: SERVICE }));

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
    const topics = consumedTopics.map((t) => ({
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
      handler: invoicingHandler(deps),
      // A shipment waiting for its order retries in place and holds back only its own partition.
      partitionsConcurrently: topics.reduce((n, t) => n + t.numPartitions, 0),
      maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
      backoff: { maxMs: config.CONSUMER_BACKOFF_MAX_MS },
      logger,
      metrics: host.metrics,
    });
    await runtime.start();
    return () => runtime.stop();
  });
  return host;
}
