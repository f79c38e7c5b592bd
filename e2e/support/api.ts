import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_API_KEY } from '@o2c/http';
import { waitFor } from '@o2c/testing';
import type { Endpoints } from './platform';

export const until = <T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 60_000,
) => waitFor(async () => probe(), { timeoutMs, intervalMs: 250, what });

/** The platform the e2e runs, the bench and the demo drive runs in development: every scope. */
const apiKey = DEVELOPMENT_API_KEY;

export async function call(
  url: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${apiKey}`,
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json as Record<string, unknown> };
}

/** Odoo's product ids and WH's stock locations in the simulator's seed. */
const PRODUCT_ID: Record<string, number> = {
  'FURN-001': 1,
  'FURN-002': 2,
  'SCRW-12': 3,
  'COFF-1KG': 4,
  'FURN-001-B': 5,
};
const WH_STOCK = 8;
const WH_SHELF = 9;

export interface OrderLineInput {
  sku: string;
  quantity: number;
  uom?: string;
  unitPriceMinor?: number;
  substitutionAllowed?: boolean;
}

export const shipTo = (postalCode = '1030') => ({
  name: 'Deco Addict',
  street: 'Rue des Palais 44',
  city: 'Brussels',
  postalCode,
  countryCode: 'BE',
});

/** REST clients of the running platform, as a channel, an operator and the simulators see it. */
/** `currency`: what every order is placed in (a real Odoo's company may not invoice in EUR). */
export function apiOf(p: Endpoints, { currency = 'EUR' } = {}) {
  const api = {
    async submit(
      lines: OrderLineInput[],
      opts: {
        postalCode?: string;
        ref?: string;
        channel?: string;
        headers?: Record<string, string>;
      } = {},
    ) {
      const res = await api.submitRaw(lines, opts);
      if (res.status !== 201)
        throw new Error(`POST /orders: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.orderId as string;
    },
    /** POST /orders as a channel would, whatever the answer; the same key and ref is a retry. */
    submitRaw(
      lines: OrderLineInput[],
      opts: {
        postalCode?: string;
        ref?: string;
        channel?: string;
        idempotencyKey?: string;
        headers?: Record<string, string>;
      } = {},
    ) {
      const body = {
        channelCode: opts.channel ?? 'rest',
        channelOrderRef: opts.ref ?? `E2E-${randomUUID().slice(0, 8)}`,
        customerRef: 'CUST-001',
        currency,
        warehouseCode: 'WH',
        shipTo: shipTo(opts.postalCode),
        lines: lines.map((l) => ({ uom: 'EA', unitPriceMinor: 10_000, ...l })),
      };
      return call(`${p.urls['order-intake']}/orders`, 'POST', body, {
        'Idempotency-Key': opts.idempotencyKey ?? randomUUID(),
        ...opts.headers,
      });
    },
    cancel: (orderId: string) =>
      call(`${p.urls['order-intake']}/orders/${orderId}/cancel`, 'POST', {
        reasonCode: 'CUSTOMER_REQUEST',
      }),
    /** Every order's status, as order-intake reports it to the invariant checker. */
    statuses: async () =>
      (
        (await call(`${p.urls['order-intake']}/admin/verify`)).body as {
          orders: Record<string, { status: string }>;
        }
      ).orders,
    order: async (orderId: string) =>
      (await call(`${p.urls['order-intake']}/orders/${orderId}`)).body as {
        status: string;
        timeline: Array<{ eventType: string; data: Record<string, unknown> }>;
      },
    async orderReaches(orderId: string, status: string, timeoutMs = 60_000) {
      return until(
        async () => {
          const o = await api.order(orderId);
          return o.status === status ? o : undefined;
        },
        `order ${orderId} ${status}`,
        timeoutMs,
      );
    },
    /** Waits until the order's timeline holds `count` events of a type. */
    async events(orderId: string, type: string, count = 1, timeoutMs = 60_000) {
      return until(
        async () => {
          const found = (await api.order(orderId)).timeline.filter((e) => e.eventType === type);
          return found.length >= count ? found : undefined;
        },
        `${count} ${type} for ${orderId}`,
        timeoutMs,
      );
    },
    reconciliation: async (orderId: string) =>
      (await call(`${p.urls.invoicing}/orders/${orderId}/reconciliation`)).body,
    availability: async (sku: string) =>
      (await call(`${p.urls['inventory-sync']}/availability?sku=${sku}&warehouse=WH`)).body,
    shipments: async (orderId: string) =>
      (await call(`${p.urls.fulfillment}/orders/${orderId}/shipments`)).body,
    returnGoods: (orderId: string, body: unknown, idempotencyKey?: string) =>
      call(
        `${p.urls.fulfillment}/orders/${orderId}/returns`,
        'POST',
        body,
        idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
      ),
    /** Sets Odoo's on-hand quantity of a SKU in WH (all of it on WH/Stock). */
    async setOdooStock(sku: string, quantity: number) {
      const productId = PRODUCT_ID[sku];
      if (!productId) throw new Error(`no Odoo product for ${sku}`);
      const sim = `${p.urls['odoo-sim']}/__sim/stock`;
      for (const [locationId, q] of [
        [WH_SHELF, 0],
        [WH_STOCK, quantity],
      ] as const) {
        const res = await call(sim, 'POST', { productId, locationId, quantity: q });
        if (res.status >= 300)
          throw new Error(`/__sim/stock: ${res.status} ${JSON.stringify(res.body)}`);
      }
    },
    carrierFault: (rule: Record<string, unknown>) =>
      call(`${p.urls['carrier-sim']}/__carrier/faults`, 'POST', rule),
    clearCarrierFaults: () => call(`${p.urls['carrier-sim']}/__carrier/faults`, 'DELETE'),
    odooFault: (body: Record<string, unknown>) =>
      call(`${p.urls['odoo-sim']}/__sim/faults`, 'POST', body),
  };
  return api;
}

export type Api = ReturnType<typeof apiOf>;
