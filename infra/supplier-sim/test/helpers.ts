import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@o2c/testing';
import type { PurchaseOrder } from '../src/behaviour';

export const SECRET = 'test-supplier-secret';

export const until = <T>(probe: () => Promise<T | undefined> | T | undefined, what: string) =>
  waitFor(probe, { timeoutMs: 15_000, intervalMs: 50, what });

export interface Received {
  body: Record<string, unknown>;
  raw: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** A real HTTP endpoint playing the adapter's webhook; `failFirst` answers 500 to the first n. */
export async function startReceiver(failFirst = 0) {
  const received: Received[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (failures < failFirst) {
        failures += 1;
        res.writeHead(500).end();
        return;
      }
      received.push({
        raw,
        body: JSON.parse(raw) as Record<string, unknown>,
        signature: req.headers['x-supplier-signature'] as string | undefined,
        timestamp: req.headers['x-supplier-timestamp'] as string | undefined,
      });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/suppliers`;
  return {
    url,
    received,
    failures: () => failures,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** What the receiver expects: the HMAC of `<timestamp>.<raw body>`. */
export const hmac = (timestamp: string | undefined, raw: string) =>
  `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${raw}`).digest('hex')}`;

export const purchaseOrder = (
  callbackUrl: string,
  overrides: Partial<PurchaseOrder> = {},
): PurchaseOrder => ({
  purchaseId: `PUR-${randomUUID()}`,
  supplierCode: 'SUP-001',
  odooReference: 'P00042',
  warehouseCode: 'WH',
  currency: 'EUR',
  datePlanned: '2026-12-20T10:00:00.000Z',
  lines: [
    { lineNo: 1, sku: 'FURN-001', quantity: 10, uom: 'EA', unitPriceMinor: 4_500 },
    { lineNo: 2, sku: 'FURN-002', quantity: 3, uom: 'EA', unitPriceMinor: 20_000 },
  ],
  callbackUrl,
  ...overrides,
});
