import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractOf, type ReplenishmentApproved } from '@o2c/contracts';
import { createAvroSerde, createKafka, createSchemaRegistry, toHeaders } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { freePort, testInfra, waitFor } from '@o2c/testing';
import { startHarness, type Harness } from './harness';

export const SUPPLIER_SECRET = 'test-supplier-secret';

export const until = <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) =>
  waitFor(probe, { timeoutMs: 45_000, intervalMs: 200, what });

/** A real HTTP endpoint playing the supplier's API: records purchase orders, fails the next n. */
export async function startSupplierEndpoint() {
  const received: Array<Record<string, unknown>> = [];
  let failNext = 0;
  let failures = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        failures += 1;
        res.writeHead(503).end();
        return;
      }
      received.push(JSON.parse(raw) as Record<string, unknown>);
      res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    failNext: (n: number) => (failNext = n),
    failures: () => failures,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The adapter on a known port (its callback URL), purchasing fast, against an Odoo 17 sim. */
export async function startPurchasingHarness(
  supplierUrl: string,
  env: Record<string, string> = {},
) {
  const port = await freePort();
  return startHarness('17', {
    env: {
      PORT: String(port),
      PURCHASE_WINDOW_MS: '1500',
      PURCHASE_POLL_MS: '200',
      PURCHASE_CONFIRMATION_TIMEOUT_MS: '600000',
      SUPPLIER_URL: supplierUrl,
      SUPPLIER_WEBHOOK_SECRET: SUPPLIER_SECRET,
      ...env,
    },
  });
}

/** A supplier of our own in Odoo (res.partner with ref = code), so tests never share one. */
export async function createSupplier(h: Harness) {
  const code = `SUP-T${randomUUID().slice(0, 8)}`;
  await h.odoo.create('res.partner', {
    name: `Supplier ${code}`,
    ref: code,
    is_company: true,
    supplier_rank: 1,
  });
  return code;
}

export const buildApproval = (
  overrides: Partial<ReplenishmentApproved> = {},
): ReplenishmentApproved => ({
  proposalId: `prop-${randomUUID()}`,
  sku: 'FURN-001',
  warehouseCode: 'WH',
  supplierCode: 'SUP-001',
  quantity: 10,
  uom: 'EA',
  unitCostMinor: 4_500,
  currency: 'EUR',
  neededBy: Date.now() + 7 * 86_400_000,
  approvedBy: 'auto',
  approvedAt: Date.now(),
  ...overrides,
});

/** Publishes an approval with a given event id: a redelivery of the very same message. */
export async function publishWithEventId(
  h: Harness,
  approval: ReplenishmentApproved,
  eventId: string,
) {
  const logger = createLogger({ service: 'purchase-test', level: 'warn' });
  const kafka = createKafka({ clientId: 'purchase-test', brokers: testInfra.brokers, logger });
  const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
  const c = contractOf('ReplenishmentApproved');
  const producer = kafka.producer();
  await producer.connect();
  try {
    const value = await serde.encode(c.schema, approval);
    const headers = toHeaders(
      {
        eventId,
        eventType: 'ReplenishmentApproved',
        schemaVersion: c.version,
        occurredAt: Date.now(),
        correlationId: approval.proposalId,
        producer: 'purchase-test',
      },
      { set: 'both', subject: approval.proposalId },
    );
    await producer.send({
      topic: h.prefix + c.topic,
      acks: -1,
      messages: [{ key: approval.proposalId, value, headers }],
    });
  } finally {
    await producer.disconnect();
  }
}

/** Signs like a supplier: `sha256=<hex HMAC of "<timestamp>.<raw body>">`. */
export function signedPost(
  url: string,
  body: unknown,
  { secret = SUPPLIER_SECRET, timestamp = Math.floor(Date.now() / 1000) } = {},
) {
  const raw = JSON.stringify(body);
  const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
  return fetch(`${url}/webhooks/suppliers`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-supplier-timestamp': String(timestamp),
      'x-supplier-signature': signature,
    },
    body: raw,
  });
}

type Seen = Array<{ type: string; value: unknown }>;

/** The events of `type` about `purchaseId` seen so far on odoo.purchases. */
export const eventsOf = <T>(seen: Seen, type: string, purchaseId: string) =>
  seen
    .filter(
      (e) => e.type === type && (e.value as { purchaseId?: string }).purchaseId === purchaseId,
    )
    .map((e) => e.value as T);

/** Waits for the PurchaseOrderPlaced of a supplier's batch. */
export const placedFor = <T extends { supplierCode: string }>(seen: Seen, supplierCode: string) =>
  until(
    () =>
      seen
        .filter((e) => e.type === 'PurchaseOrderPlaced')
        .map((e) => e.value as T)
        .find((p) => p.supplierCode === supplierCode),
    `PurchaseOrderPlaced for ${supplierCode}`,
  );
