import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createDb, type Db } from '@o2c/db';
import {
  buildOrderSubmitted,
  createTestDatabase,
  freePort,
  processReady,
  spawnProcess,
  testInfra,
  type SpawnedProcess,
  type TestDatabase,
} from '@o2c/testing';
import { startCli } from './cli';

export type ConsoleService = 'order-intake' | 'fulfillment' | 'odoo-adapter';
const services: ConsoleService[] = ['order-intake', 'fulfillment', 'odoo-adapter'];

/** A fresh database with a service's real schema: its own `main.ts migrate`. */
async function migratedDatabase(service: ConsoleService): Promise<TestDatabase> {
  const db = await createTestDatabase(`console_${service.replace('-', '_')}`);
  const entry = join(__dirname, '../../../services', service, 'src/main.ts');
  const proc = spawnProcess(entry, { DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, ['migrate']);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${service} migrate exited ${code}:\n${proc.output()}`);
  return db;
}

export interface ConsoleDatabases {
  urls: Record<ConsoleService | 'ops', string>;
  db(service: ConsoleService | 'ops'): Db;
  drop(): Promise<void>;
}

/** Migrated databases of order-intake, fulfillment and odoo-adapter, and an empty ops database. */
export async function createConsoleDatabases(): Promise<ConsoleDatabases> {
  const created = await Promise.all([
    ...services.map(migratedDatabase),
    createTestDatabase('console_ops'),
  ]);
  const byName = new Map<ConsoleService | 'ops', TestDatabase>(
    [...services, 'ops' as const].map((s, i) => [s, created[i]!]),
  );
  const pools = new Map<string, Db>();
  return {
    urls: Object.fromEntries([...byName].map(([s, d]) => [s, d.url])) as ConsoleDatabases['urls'],
    db(service) {
      const url = byName.get(service)!.url;
      if (!pools.has(url)) pools.set(url, createDb(url, { poolMax: 2 }));
      return pools.get(url)!;
    },
    async drop() {
      await Promise.all([...pools.values()].map((p) => p.destroy()));
      await Promise.all(created.map((d) => d.drop()));
    },
  };
}

export interface SeededOrder {
  orderId: string;
  channelOrderRef: string;
  shipmentId: string;
  trackingNumber: string;
  /** Seconds from receipt to acceptance, as seeded. */
  acceptedAfter: number;
}

/**
 * One order as the services record it: received 10 minutes ago, accepted, reserved, dispatched
 * (order-intake's timeline); its shipment's states and carrier milestone (fulfillment); its sale
 * order and picking (odoo-adapter's sync log). Rows of each service's own tables.
 */
export async function seedOrder(dbs: ConsoleDatabases): Promise<SeededOrder> {
  const submitted = buildOrderSubmitted({ submittedAt: Date.now() - 600_000 });
  const orderId = randomUUID();
  const shipmentId = randomUUID();
  const trackingNumber = `TRK-${randomUUID().slice(0, 8)}`;
  const at = (seconds: number) => submitted.submittedAt + seconds * 1000;
  const oi = dbs.db('order-intake');
  await oi('orders').insert({
    order_id: orderId,
    channel_code: submitted.channelCode,
    channel_order_ref: submitted.channelOrderRef,
    status: 'shipped',
    customer_id: submitted.customerRef,
    currency: submitted.currency,
    total_minor: 35_000,
    received_at: new Date(at(0)),
    created_at: new Date(at(2)),
  });
  await oi('order_events').insert(
    (
      [
        ['OrderAccepted', 2],
        ['StockReserved', 40],
        ['ShipmentDispatched', 120],
      ] as const
    ).map(([type, s]) => ({
      event_id: randomUUID(),
      order_id: orderId,
      event_type: type,
      occurred_at: new Date(at(s)),
      data: JSON.stringify({ orderId }),
    })),
  );
  const ff = dbs.db('fulfillment');
  await ff('orders').insert({
    order_id: orderId,
    warehouse_code: submitted.warehouseCode,
    ship_to: JSON.stringify({}),
    lines: JSON.stringify(submitted.lines),
  });
  await ff('shipments').insert({
    shipment_id: shipmentId,
    order_id: orderId,
    reservation_id: randomUUID(),
    warehouse_code: submitted.warehouseCode,
    lines: JSON.stringify(submitted.lines),
    state: 'DISPATCHED',
    carrier_index: 0,
    attempts: 1,
    total_attempts: 1,
    carrier_code: 'dhl',
    tracking_number: trackingNumber,
  });
  await ff('shipment_history').insert([
    { shipment_id: shipmentId, state: 'BOOKED', note: 'booked with dhl', events: [], at: at(60) },
    { shipment_id: shipmentId, state: 'DISPATCHED', note: '', events: [], at: at(120) },
  ]);
  await ff('carrier_milestones').insert({
    tracking_number: trackingNumber,
    milestone: 'PICKED_UP',
    carrier_code: 'dhl',
    occurred_at: at(110),
  });
  await dbs
    .db('odoo-adapter')('odoo_sync_log')
    .insert({
      event_id: randomUUID(),
      event_type: 'OrderAccepted',
      order_id: orderId,
      odoo_model: 'sale.order',
      odoo_id: 4711,
      action: 'create',
      synced_at: new Date(at(5)),
    });
  return {
    orderId,
    channelOrderRef: submitted.channelOrderRef,
    shipmentId,
    trackingNumber,
    acceptedAfter: 2,
  };
}

export interface RunningConsole {
  url: string;
  proc: SpawnedProcess;
  stop(): Promise<void>;
}

/** `o2c-ops console` as its own process on a free port, against the given databases. */
export async function startConsole(
  dbs: ConsoleDatabases,
  env: Record<string, string> = {},
): Promise<RunningConsole> {
  const port = await freePort();
  const closed = String(await freePort());
  const proc = startCli(['console', '--port', String(port)], {
    POSTGRES_ADMIN_URL: testInfra.postgresAdminUrl,
    OPS_DATABASE_URL: dbs.urls.ops,
    ORDER_INTAKE_DATABASE_URL: dbs.urls['order-intake'],
    FULFILLMENT_DATABASE_URL: dbs.urls.fulfillment,
    ODOO_ADAPTER_DATABASE_URL: dbs.urls['odoo-adapter'],
    ZIPKIN_URL: testInfra.zipkinUrl,
    // No service runs in these tests: their /metrics is a port nobody listens on.
    ORDER_INTAKE_URL: `http://127.0.0.1:${closed}`,
    FULFILLMENT_URL: `http://127.0.0.1:${closed}`,
    ODOO_ADAPTER_URL: `http://127.0.0.1:${closed}`,
    FLOW_WATCH_URL: `http://127.0.0.1:${closed}`,
    SCHEMA_REGISTRY_URL: testInfra.registryUrl,
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await processReady(proc, url, { what: 'o2c-ops console' });
  return {
    url,
    proc,
    async stop() {
      proc.child.kill('SIGTERM');
      const code = await proc.exited;
      if (code !== 0) throw new Error(`console exited ${code}:\n${proc.output()}`);
    },
  };
}
