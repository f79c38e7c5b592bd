import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@o2c/testing';

export const SECRET = 'test-secret';

export interface Received {
  body: Record<string, unknown>;
  raw: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** A real HTTP endpoint that records webhooks; `failFirst` answers 500 to the first n. */
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
        signature: req.headers['x-carrier-signature'] as string | undefined,
        timestamp: req.headers['x-carrier-timestamp'] as string | undefined,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    failures: () => failures,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** What the receiver expects: the HMAC of `<timestamp>.<raw body>`. */
export const hmac = (timestamp: string | undefined, raw: string) =>
  `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${raw}`).digest('hex')}`;

export const booking = (callbackUrl: string, overrides: Record<string, unknown> = {}) => ({
  reference: 'shp-1',
  shipFrom: { warehouseCode: 'WH1' },
  shipTo: {
    name: 'Ada Buyer',
    street: '1 Main St',
    city: 'Lyon',
    postalCode: '69001',
    countryCode: 'FR',
  },
  parcels: [{ sku: 'FURN-001', quantity: 2, uom: 'EA' }],
  callbackUrl,
  ...overrides,
});

/** The union of the answers' fields the tests read (JSON as the sim sends it). */
export interface Answer {
  code: string;
  message: string;
  trackingNumber: string;
  carrier: string;
  status: string;
  milestones: Array<{ milestone: string; occurredAt: number }>;
  shipments: Array<{ webhooks: Array<{ milestone: string; attempts: number }> }>;
  bookings: Record<string, { trackingNumber: string }>;
  calls: Record<string, Record<string, number>>;
}

export function client(base: string) {
  return async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ) {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : {}) as Answer,
    };
  };
}

export const until = <T>(probe: () => T | undefined | Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 10_000, intervalMs: 25, what });
