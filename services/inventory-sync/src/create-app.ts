import { openApiRoute } from '@o2c/http';
import { randomUUID } from 'node:crypto';
import {
  createEventRouter,
  createServiceHost,
  useConsumer,
  useOutboxRelay,
  type ServiceHost,
} from '@o2c/platform';
import { Counter } from 'prom-client';
import { migrations } from './adapters/db/migrations';
import { inventoryRoutes } from './adapters/http/inventory-routes';
import { replenishmentRoutes } from './adapters/http/replenishment-routes';
import { openApiDocument } from './adapters/http/openapi';
import { mapError } from './adapters/http/problems';
import { MASTER_DATA_TOPIC, routeCatalogue } from './adapters/kafka/catalogue-handler';
import { classify, INPUT_TOPICS, routeInventory } from './adapters/kafka/inventory-handler';
import { routePurchases } from './adapters/kafka/purchase-handler';
import { createOdooStockClient } from './adapters/odoo/odoo-stock-client';
import type { Config } from './config';
import type { InventoryDeps } from './app/inventory-deps';
import { reconcile } from './app/reconcile';
import type { ReplenishmentDeps } from './app/replenishment/replenishment-deps';
import { runReplenishment } from './app/replenishment/run-replenishment';
import { scheduleRuns } from './app/schedule-runs';

const SERVICE = 'inventory-sync';

/**
 * Stock positions from Odoo, reservations and backorders for accepted orders, releases on
 * cancellation or compensation, reconciliation against Odoo through odoo-adapter, and
 * replenishment: rules, proposals and their approval, and what purchases still bring.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  const host = createServiceHost({
    service: SERVICE,
    config,
    migrations,
    mapError,
  });
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
  const deps: InventoryDeps = {
    db: host.db,
    outbox: host.outbox,
    topicPrefix: host.topicPrefix,
    now: Date.now,
    newId: randomUUID,
    onReserved: (outcome) => reservations.inc({ outcome }),
    onDrift: () => drifts.inc(),
  };
  const replenish: ReplenishmentDeps = {
    ...deps,
    autoApproveMaxMinor: config.REPLENISHMENT_AUTO_APPROVE_MAX_MINOR,
  };
  const readOdooStock = createOdooStockClient(
    config.ODOO_ADAPTER_URL,
    config.ODOO_ADAPTER_API_KEY,
    config.ODOO_ADAPTER_TIMEOUT_MS,
  );
  host.api.get('/openapi.json', ...openApiRoute(openApiDocument));
  host.api.use(
    inventoryRoutes({
      db: host.db,
      service: SERVICE,
      reconcile: () => reconcile(deps, readOdooStock, 'on-demand'),
    }),
  );
  host.api.use(replenishmentRoutes(replenish));

  useOutboxRelay(host);
  useConsumer(host, {
    topics: INPUT_TOPICS,
    handler: routePurchases(routeInventory(createEventRouter({ mapError: classify }), deps)),
    // A dispatch may wait for its FulfillmentRequested, a cancel for its order: generous
    // retries with short back-off, and a waiting partition holds back only itself.
    maxAttempts: 20,
    backoff: { maxMs: 3000 },
  });
  // A group of its own reading the compacted topic from the beginning: a new deployment
  // builds its whole catalogue, and a backlog of master data never delays reservations.
  useConsumer(host, {
    name: 'catalogue consumer',
    group: 'master-data',
    topics: [MASTER_DATA_TOPIC],
    handler: routeCatalogue(createEventRouter()),
  });
  host.use('reconciliation schedule', () =>
    Promise.resolve(
      scheduleRuns('reconciliation', config.RECONCILE_INTERVAL_MS, host.logger, async () => {
        const r = await reconcile(deps, readOdooStock, 'scheduled');
        host.logger.info(
          { runId: r.runId, checked: r.checked, drifts: r.drifts.length },
          'reconciliation done',
        );
      }),
    ),
  );
  host.use('replenishment schedule', () =>
    Promise.resolve(
      scheduleRuns('replenishment', config.REPLENISHMENT_INTERVAL_MS, host.logger, async () => {
        const r = await runReplenishment(replenish);
        if (r.proposals.length || r.skipped.length)
          host.logger.info(
            { proposed: r.proposals.length, skipped: r.skipped },
            'replenishment planned',
          );
      }),
    ),
  );
  return host;
}
