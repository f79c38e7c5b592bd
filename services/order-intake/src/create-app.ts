import { openApiRoute } from '@o2c/http';
import { randomUUID } from 'node:crypto';
import {
  createEventRouter,
  createServiceHost,
  useConsumer,
  useOutboxRelay,
  type ServiceHost,
} from '@o2c/platform';
import { Counter, Histogram } from 'prom-client';
import { migrations } from './adapters/db/migrations';
import { aliasRoutes } from './adapters/http/alias-routes';
import { importRoute } from './adapters/http/import-route';
import { openApiDocument } from './adapters/http/openapi';
import { orderRoutes } from './adapters/http/order-routes';
import { orderSearchRoute } from './adapters/http/order-search-route';
import { mapDomainError } from './adapters/http/problems';
import { verifyRoute } from './adapters/http/verify-route';
import { MASTER_DATA_TOPIC, routeMasterData } from './adapters/kafka/master-data-handler';
import { routeSubmissions, SUBMISSIONS_TOPIC } from './adapters/kafka/order-submitted-handler';
import { PROGRESS_TOPICS, progressHandler } from './adapters/kafka/progress-handler';
import type { OrderDeps } from './app/order/order-deps';
import type { Config } from './config';

const SERVICE = 'order-intake';

/**
 * Accepts orders from REST and from channels.orders, validates them against local master data,
 * and records OrderAccepted / OrderRejected / OrderCancelled with their outbox rows; imports the
 * sale orders Odoo already holds (OrderImported) for o2c-ops bootstrap.
 */
export function createApp({ config }: { config: Config }): ServiceHost {
  const host = createServiceHost({
    service: SERVICE,
    config,
    migrations,
    mapError: mapDomainError,
  });
  const decided = new Counter({
    name: 'o2c_orders_decided_total',
    help: 'SubmitOrder decisions by source (rest, kafka) and outcome (accepted, rejected, duplicate)',
    labelNames: ['source', 'outcome'],
    registers: [host.metrics],
  });
  const imported = new Counter({
    name: 'o2c_orders_imported_total',
    help: 'Odoo sale orders offered to POST /admin/imports/orders, by outcome (imported, refreshed, cancelled, duplicate, skipped, unmappable)',
    labelNames: ['outcome'],
    registers: [host.metrics],
  });
  const progressed = new Counter({
    name: 'o2c_order_progress_events_total',
    help: 'Downstream events folded into order status and timeline, by event type',
    labelNames: ['type'],
    registers: [host.metrics],
  });
  const stages = new Histogram({
    name: 'o2c_order_stage_seconds',
    help: "Seconds from an order's receipt (its submission) to its acceptance and to the time of its first StockReserved, ShipmentDispatched and InvoiceIssued, by stage",
    labelNames: ['stage'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [host.metrics],
  });
  const onStage = (stage: string, seconds: number) => stages.observe({ stage }, seconds);
  const deps: OrderDeps = {
    db: host.db,
    outbox: host.outbox,
    topicPrefix: host.topicPrefix,
    now: Date.now,
    newOrderId: randomUUID,
    onDecided: (source, outcome) => decided.inc({ source, outcome }),
    onImported: (outcome) => imported.inc({ outcome }),
    onStage,
  };
  host.api.get('/openapi.json', ...openApiRoute(openApiDocument));
  host.api.use(orderRoutes({ ...deps, idempotencyStaleMs: config.IDEMPOTENCY_STALE_MS }));
  host.api.use(orderSearchRoute(host.db));
  host.api.use(verifyRoute(host.db));
  host.api.use(importRoute(deps));
  host.api.use(aliasRoutes(host.db));

  useOutboxRelay(host);
  useConsumer(host, {
    name: 'submissions consumer',
    topics: [SUBMISSIONS_TOPIC],
    handler: routeSubmissions(createEventRouter({ otherTypes: 'dead-letter' }), deps),
    // Submissions of one channel ref are resubmissions, not a sequence: a corrected one must
    // not wait behind a garbled one that was dead-lettered (the inbox dedupes by channel ref).
    keepKeyOrder: false,
    // The upstream topic: a channel's plain Confluent-framed Avro OrderSubmitted, without our
    // envelope headers, is accepted with an envelope derived from the record.
    deriveEnvelope: true,
  });
  // A group of its own that reads odoo.master-data (compacted) from the beginning: a new
  // deployment, or one whose tables were emptied, rebuilds them from Odoo's current state.
  useConsumer(host, {
    name: 'master-data consumer',
    group: 'master-data',
    topics: [MASTER_DATA_TOPIC],
    handler: routeMasterData(createEventRouter()),
  });
  // A group of its own: a backlog of downstream news never delays intake.
  useConsumer(host, {
    name: 'progress consumer',
    group: 'progress',
    topics: PROGRESS_TOPICS,
    handler: progressHandler({ onApplied: (type) => progressed.inc({ type }), onStage }),
  });
  return host;
}
