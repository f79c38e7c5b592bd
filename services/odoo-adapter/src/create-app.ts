import { createOdooClient } from '@o2c/odoo-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { topicSpecOf } from '@o2c/contracts';
import { ensureTopics } from '@o2c/kafka';
import { openApiRoute } from '@o2c/http';
import { secretValues } from '@o2c/config';
import {
  createEventRouter,
  createServiceHost,
  useConsumer,
  useOutboxRelay,
  type ServiceHost,
} from '@o2c/platform';
import { createMasterDataCache } from './adapters/odoo/master-data-cache';
import { createOdooGateway } from './adapters/odoo/odoo-gateway';
import { createPricelistLookup } from './adapters/odoo/pricelists';
import { detectProfile, type OdooProfile } from './adapters/odoo/profile';
import { migrations } from './adapters/db/migrations';
import { createReturnLedger } from './adapters/db/return-ledger';
import { createShipmentLedger } from './adapters/db/shipment-ledger';
import { openApiDocument } from './adapters/http/openapi';
import { odooStockRouter } from './adapters/http/odoo-stock-route';
import { odooWebhookRoute } from './adapters/http/odoo-webhook';
import { channelModesRouter } from './adapters/http/channel-modes-route';
import type { Config } from './config';
import { createInbound } from './app/inbound/create-inbound';
import { masterDataFeeds } from './app/inbound/master-data/master-data-feeds';
import { paymentFeed } from './app/inbound/payment-feed';
import { quantFeed } from './app/inbound/quant-feed';
import { classify, createOutboundHandler, outboundTopics } from './app/outbound/handle-outbound';
import { waitForSaleOrder } from './app/outbound/wait-for-sale-order';
import { createWaitMetrics } from './app/outbound/wait-metrics';
import { createShadow } from './app/shadow/create-shadow';
import { supplierWebhookRoute } from './adapters/http/purchase-webhook';
import { batchApproval } from './app/purchasing/batch-approval';
import { createPurchasing } from './app/purchasing/create-purchasing';
import { createPurchasingMetrics } from './app/purchasing/purchasing-metrics';
import { receiveSupplierMessage } from './app/purchasing/receive-supplier-message';
import { createPurchaseFeedLedger } from './adapters/db/purchase-feed-ledger';
import { createPurchaseFeeds, vendorBillRoutes } from './app/purchase-feeds/create-purchase-feeds';

const SERVICE = 'odoo-adapter';

/**
 * The only component that talks to Odoo. Outbound: domain events → idempotent Odoo calls.
 * Inbound: quant and payment changes (polling + webhooks) → events through the outbox.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  let inbound: ReturnType<typeof createInbound> | undefined;
  const feeds = [
    quantFeed,
    paymentFeed,
    ...masterDataFeeds({
      companyId: config.ODOO_COMPANY_ID,
      substituteField: config.ODOO_SUBSTITUTE_FIELD,
      customerKey: config.ODOO_CUSTOMER_KEY,
      uomNames: config.ODOO_UOM_MAP,
    }),
  ];
  const webhookModels = feeds.map((f) => f.model);
  const webhook = config.ODOO_WEBHOOK_TOKEN
    ? odooWebhookRoute(config.ODOO_WEBHOOK_TOKEN, webhookModels, (model, id) =>
        inbound ? inbound.onWebhook(model, id) : Promise.reject(new Error('not started yet')),
      )
    : undefined;
  const host = createServiceHost({ service: SERVICE, config, migrations });
  webhook?.(host.api);
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
  createWaitMetrics(host.metrics, host.db);
  const syncDelay = new Histogram({
    name: 'o2c_odoo_sync_delay_seconds',
    help: "Seconds from a polled (or webhook-hinted) Odoo record's write_date to the append of the event reporting it, by model",
    labelNames: ['model'],
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [host.metrics],
  });
  let circuitOpen = false;
  const { odoo } = createOdooGateway(client, {
    maxConcurrency: config.ODOO_MAX_CONCURRENCY,
    ratePerSec: config.ODOO_RATE_PER_SEC,
    breakerThreshold: config.ODOO_BREAKER_THRESHOLD,
    breakerOpenMs: config.ODOO_BREAKER_OPEN_MS,
    onBreakerChange: (state) => {
      circuit.set(state === 'closed' ? 0 : 1);
      logger.warn({ state }, 'Odoo circuit breaker changed state');
      // A failed half-open probe re-opens it: one CIRCUIT_OPENED per outage, not per probe.
      const open = state !== 'closed';
      if (open !== circuitOpen) host.signal(open ? 'CIRCUIT_OPENED' : 'CIRCUIT_CLOSED', 'odoo');
      circuitOpen = open;
    },
  });
  let profile: Promise<OdooProfile> | undefined;
  const detect = async () => {
    const found = await detectProfile(odoo);
    const { major, installed, missing, trackingRefField } = found;
    logger.info({ odoo: { major, installed, trackingRefField, missing } }, 'Odoo profile');
    for (const what of missing) logger.warn({ missing: what }, 'Odoo lacks what the adapter uses');
    return found;
  };
  const deps = {
    odoo,
    masterData: createMasterDataCache(odoo, {
      uomNames: config.ODOO_UOM_MAP,
      customerKey: config.ODOO_CUSTOMER_KEY,
      refreshMs: config.MASTER_DATA_REFRESH_MS,
    }),
    profile: () => {
      profile ??= detect();
      profile.catch(() => (profile = undefined));
      return profile;
    },
    pricelistOf: createPricelistLookup(odoo, config.ODOO_PRICELISTS, config.ODOO_COMPANY_ID),
    companyId: config.ODOO_COMPANY_ID,
  };
  host.api.use(odooStockRouter(deps));
  host.api.get('/openapi.json', ...openApiRoute(openApiDocument));
  const outbox = host.outbox;
  const outboundDeps = {
    ...deps,
    shipments: createShipmentLedger(host.db),
    returns: createReturnLedger(host.db),
    skipSms: config.ODOO_SKIP_SMS,
    outbox,
    topicPrefix: host.topicPrefix,
  };

  // Per-channel write modes: shadow orders are compared with the legacy integration's writes.
  const { db, topicPrefix, metrics: registry } = host;
  const shadow = createShadow(deps, { db, topicPrefix, registry, outbox, logger, config });
  host.api.use(channelModesRouter(host.db, config.ODOO_WRITE_MODE_DEFAULT));
  host.use('shadow re-check', shadow.start);
  useOutboxRelay(host);
  // Parked per order (not retried in place) until the sale order is in Odoo; in front of the
  // modes, so a resumed event follows its order's mode.
  const outbound = waitForSaleOrder(shadow.route(createOutboundHandler(outboundDeps)), {
    db,
    logger,
    retryMs: config.ODOO_WAITING_RETRY_MS,
  });
  host.use('parked events sweep', () => {
    outbound.sweep.start();
    return Promise.resolve(() => outbound.sweep.stop());
  });
  useConsumer(host, {
    name: 'outbound consumer',
    topics: outboundTopics,
    handler: outbound.handler,
    // Events of one order arrive on three topics; a few still wait in place for another's sync
    // to Odoo (a credit note for its invoice): ~7 min of back-off (30 s apart at most) before
    // dead-lettering.
    maxAttempts: 20,
    // Handlers call Odoo in the transaction: one message each, so no lock waits on later calls.
    transactionMessages: 1,
  });
  // Purchasing: approvals batched per supplier and warehouse, placed in Odoo when their window
  // closes, sent to the supplier, whose signed answers are stored and then applied.
  const purchasingMetrics = createPurchasingMetrics(host.metrics);
  const purchasing = createPurchasing({
    ...deps,
    db: host.db,
    outbox,
    topicPrefix: host.topicPrefix,
    logger,
    windowMs: config.PURCHASE_WINDOW_MS,
    intervalMs: config.PURCHASE_POLL_MS,
    retryBaseMs: config.PURCHASE_POLL_MS,
    confirmationTimeoutMs: config.PURCHASE_CONFIRMATION_TIMEOUT_MS,
    supplierUrl: config.SUPPLIER_URL,
    callbackUrl:
      config.SUPPLIER_CALLBACK_URL ?? `http://127.0.0.1:${config.PORT}/webhooks/suppliers`,
    supplierTimeoutMs: config.SUPPLIER_TIMEOUT_MS,
    metrics: purchasingMetrics.metrics,
  });
  supplierWebhookRoute({
    secrets: secretValues(config.SUPPLIER_WEBHOOK_SECRET),
    toleranceMs: config.SUPPLIER_WEBHOOK_TOLERANCE_MS,
    receive: async (message) => {
      const outcome = await receiveSupplierMessage(host.db, message);
      if (outcome === 'stored') purchasing.kick();
      return outcome;
    },
    onAnswer: purchasingMetrics.webhook,
  })(host.api);
  useConsumer(host, {
    name: 'replenishment consumer',
    group: 'purchasing',
    topics: ['inventory.replenishment'],
    handler: createEventRouter({ mapError: classify }).on(
      'ReplenishmentApproved',
      (approval, { trx }) => batchApproval(trx, approval, config.PURCHASE_WINDOW_MS),
    ),
  });
  host.use('purchasing', () => {
    purchasing.start();
    return Promise.resolve(() => purchasing.stop());
  });
  // Logs what the Odoo has and lacks as soon as it answers (not a readiness condition: the
  // adapter runs, and waits on Odoo per event, while Odoo is down).
  host.use('odoo profile', () => {
    deps
      .profile()
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'Odoo profile not detected yet; detected on first use'),
      );
    return Promise.resolve();
  });
  // Receipts and vendor bills of our purchases (polled), and posting the bills invoicing matched.
  const billsMismatched = new Counter({
    name: 'o2c_odoo_vendor_bills_mismatched_total',
    help: 'Vendor bills invoicing found beyond tolerance: left a draft in Odoo for finance',
    registers: [host.metrics],
  });
  const billDeps = {
    ...deps,
    timeZone: config.ODOO_COMPANY_TIMEZONE,
    onMismatch: () => billsMismatched.inc(),
  };
  useConsumer(host, {
    name: 'vendor bill consumer',
    group: 'vendor-bills',
    topics: ['billing.vendor-bills'],
    handler: vendorBillRoutes(billDeps),
  });
  host.use('purchase feeds', () => {
    const purchaseFeeds = createPurchaseFeeds({
      ...billDeps,
      db: host.db,
      ledger: createPurchaseFeedLedger(host.db),
      outbox,
      topicPrefix: host.topicPrefix,
      overlapMs: config.ODOO_POLL_OVERLAP_MS,
      intervalMs: config.ODOO_PURCHASE_POLL_INTERVAL_MS ?? config.ODOO_POLL_INTERVAL_MS,
      logger,
      onSynced: (model, seconds) => syncDelay.observe({ model }, seconds),
    });
    purchaseFeeds.start();
    return Promise.resolve(() => purchaseFeeds.stop());
  });
  host.use('inbound feeds', async () => {
    // Created here with its compaction: the relay must not let the broker auto-create it.
    await ensureTopics(host.kafka, [topicSpecOf('odoo.master-data', host.topicPrefix)]);
    inbound = createInbound(feeds, {
      ...deps,
      db: host.db,
      outbox,
      topicPrefix: host.topicPrefix,
      overlapMs: config.ODOO_POLL_OVERLAP_MS,
      intervalMs: config.ODOO_POLL_INTERVAL_MS,
      logger,
      onSynced: (model, seconds) => syncDelay.observe({ model }, seconds),
    });
    inbound.start();
    const running = inbound;
    return () => running.stop();
  });
  return host;
}
