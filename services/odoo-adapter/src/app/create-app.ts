import { createOdooClient } from '@o2c/odoo-client';
import { Router } from 'express';
import { Gauge } from 'prom-client';
import { createConsumerRuntime } from '@o2c/inbox';
import { topicContractOf } from '@o2c/contracts';
import { createAvroSerde, createSchemaRegistry, ensureTopics } from '@o2c/kafka';
import { createOutbox, createOutboxRelay } from '@o2c/outbox';
import { createServiceHost, type ServiceHost } from '@o2c/platform';
import { createMasterDataCache } from '../adapters/odoo/master-data-cache';
import { createOdooGateway } from '../adapters/odoo/odoo-gateway';
import { detectProfile, type OdooProfile } from '../adapters/odoo/profile';
import { migrations } from '../adapters/db/migrations';
import { odooStockRouter } from '../adapters/http/odoo-stock-route';
import { odooWebhookRoute } from '../adapters/http/odoo-webhook';
import type { Config } from '../config';
import { createInbound } from './inbound/create-inbound';
import { paymentFeed } from './inbound/payment-feed';
import { quantFeed } from './inbound/quant-feed';
import { createOutboundHandler, outboundTopics } from './outbound/handle-outbound';

const SERVICE = 'odoo-adapter';

/**
 * The only component that talks to Odoo. Outbound: domain events → idempotent Odoo calls.
 * Inbound: quant and payment changes (polling + webhooks) → events through the outbox.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  let inbound: ReturnType<typeof createInbound> | undefined;
  const webhookModels = [quantFeed.model, paymentFeed.model];
  const webhook = config.ODOO_WEBHOOK_TOKEN
    ? odooWebhookRoute(config.ODOO_WEBHOOK_TOKEN, webhookModels, (model, id) =>
        inbound ? inbound.onWebhook(model, id) : Promise.reject(new Error('not started yet')),
      )
    : undefined;
  // Routes are mounted when the HTTP server is built, before the Odoo deps below exist.
  const api = Router();
  const host = createServiceHost({
    service: SERVICE,
    config,
    migrations,
    routes: (app) => {
      app.use(api);
      webhook?.(app);
    },
  });
  const { logger } = host;
  const client = createOdooClient({
    url: config.ODOO_URL,
    db: config.ODOO_DB,
    login: config.ODOO_LOGIN,
    apiKey: config.ODOO_API_KEY,
    transport: config.ODOO_PROTOCOL,
    timeoutMs: config.ODOO_TIMEOUT_MS,
  });
  const circuit = new Gauge({
    name: 'o2c_odoo_circuit_open',
    help: '1 while the circuit breaker to Odoo is open or half-open (calls refused), else 0',
    registers: [host.metrics],
  });
  circuit.set(0);
  const { odoo } = createOdooGateway(client, {
    maxConcurrency: config.ODOO_MAX_CONCURRENCY,
    ratePerSec: config.ODOO_RATE_PER_SEC,
    breakerThreshold: config.ODOO_BREAKER_THRESHOLD,
    breakerOpenMs: config.ODOO_BREAKER_OPEN_MS,
    onBreakerChange: (state) => {
      circuit.set(state === 'closed' ? 0 : 1);
      logger.warn({ state }, 'Odoo circuit breaker changed state');
    },
  });
  let profile: Promise<OdooProfile> | undefined;
  const deps = {
    odoo,
    masterData: createMasterDataCache(odoo, {
      uomNames: config.ODOO_UOM_MAP,
      refreshMs: config.MASTER_DATA_REFRESH_MS,
    }),
    profile: () => {
      profile ??= detectProfile(odoo);
      profile.catch(() => (profile = undefined));
      return profile;
    },
  };
  api.use(odooStockRouter(deps));
  const serde = createAvroSerde(createSchemaRegistry(config.SCHEMA_REGISTRY_URL, SERVICE));
  const outbox = createOutbox({ serde, service: SERVICE });

  host.use(() => {
    // An environment with its own topic prefix is its own relay identity (transactional id and
    // checkpoint group): its database's outbox is not the unprefixed environment's.
    const relay = createOutboxRelay({
      db: host.db,
      kafka: host.kafka,
      service: config.TOPIC_PREFIX ? `${config.TOPIC_PREFIX}${SERVICE}` : SERVICE,
      logger,
      metrics: host.metrics,
    });
    relay.start();
    return Promise.resolve(() => relay.stop());
  });
  host.use(async () => {
    await ensureTopics(
      host.kafka,
      outboundTopics.map((t) => ({
        topic: config.TOPIC_PREFIX + t,
        numPartitions: topicContractOf(t).partitions,
      })),
    );
    const runtime = createConsumerRuntime({
      kafka: host.kafka,
      db: host.db,
      serde,
      groupId: config.CONSUMER_GROUP,
      topics: outboundTopics.map((t) => config.TOPIC_PREFIX + t),
      handler: createOutboundHandler(deps),
      // Events of one order arrive on three topics; one may wait for another's sync to Odoo (an
      // invoice for a delivery not yet validated), longer under load: ~7 min of back-off (30 s
      // apart at most) before dead-lettering.
      maxAttempts: 20,
      partitionsConcurrently: outboundTopics.length * 3,
      logger,
      metrics: host.metrics,
    });
    await runtime.start();
    return () => runtime.stop();
  });
  host.use(() => {
    inbound = createInbound([quantFeed, paymentFeed], {
      ...deps,
      db: host.db,
      outbox,
      topicPrefix: config.TOPIC_PREFIX,
      overlapMs: config.ODOO_POLL_OVERLAP_MS,
      intervalMs: config.ODOO_POLL_INTERVAL_MS,
      logger,
    });
    inbound.start();
    const running = inbound;
    return Promise.resolve(() => running.stop());
  });
  return host;
}
