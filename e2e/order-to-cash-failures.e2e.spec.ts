import { randomUUID } from 'node:crypto';
import type { Api } from './support/api';
import { call, until } from './support/api';
import { buildSubmitted } from './support/channel';
import {
  startOrderToCash,
  stopOrderToCash,
  verifySettled,
  type OrderToCash,
} from './support/order-to-cash';
import type { Platform } from './support/platform';
import { groupsCaughtUp, runOps } from './support/verify';
import { sampleOf } from '@o2c/testing';

describe('order to cash when things go wrong, every service as its own process', () => {
  let o2c: OrderToCash;
  let p: Platform;
  let api: Api;
  let channel: OrderToCash['channel'];
  let odoo: OrderToCash['odoo'];
  beforeAll(async () => {
    o2c = await startOrderToCash();
    ({ p, api, channel, odoo } = o2c);
  });
  afterAll(() => stopOrderToCash(o2c));

  describe('carrier failures', () => {
    afterEach(() => api.clearCarrierFaults());

    it('retries a carrier that is briefly unavailable', async () => {
      await api.carrierFault({
        carrier: 'dhl',
        mode: 'unavailable',
        times: 1,
        match: { postalCode: '1111' },
      });
      const orderId = await api.submit([{ sku: 'SCRW-12', quantity: 1, uom: 'DZ' }], {
        postalCode: '1111',
      });
      const [booked] = await api.events(orderId, 'ShipmentBooked');
      expect(booked!.data).toMatchObject({ carrierCode: 'dhl', attempt: 2 });
      await api.orderReaches(orderId, 'delivered');
    });

    it('reroutes to the next carrier when the first one rejects', async () => {
      await api.carrierFault({ carrier: 'dhl', mode: 'reject', match: { postalCode: '2222' } });
      const orderId = await api.submit([{ sku: 'SCRW-12', quantity: 1, uom: 'DZ' }], {
        postalCode: '2222',
      });
      const [failed] = await api.events(orderId, 'FulfillmentFailed');
      expect(failed!.data).toMatchObject({ stage: 'BOOKING', compensation: 'REROUTE' });
      const [booked] = await api.events(orderId, 'ShipmentBooked');
      expect(booked!.data).toMatchObject({ carrierCode: 'ups' });
      await api.orderReaches(orderId, 'delivered');
    });

    it('releases the stock and escalates when no carrier takes it', async () => {
      for (const carrier of ['dhl', 'ups'])
        await api.carrierFault({ carrier, mode: 'reject', match: { postalCode: '3333' } });
      const orderId = await api.submit([{ sku: 'COFF-1KG', quantity: 2, uom: 'KG' }], {
        postalCode: '3333',
      });
      await api.orderReaches(orderId, 'exception');
      const [released] = await api.events(orderId, 'ReservationReleased');
      expect(released!.data).toMatchObject({ reasonCode: 'FULFILLMENT_FAILED' });
      const failures = await api.events(orderId, 'FulfillmentFailed', 2);
      expect(failures.map((f) => f.data.compensation)).toEqual(['REROUTE', 'RELEASE_AND_ESCALATE']);
      const timeline = (await api.order(orderId)).timeline.map((e) => e.eventType);
      expect(timeline.filter((t) => t === 'OrderExceptionRaised')).toHaveLength(1);
      expect(timeline).not.toContain('InvoiceIssued');
    });
  });

  describe('Odoo unavailable for a while', () => {
    it('lets events wait, loses nothing, and syncs the order once when Odoo is back', async () => {
      await api.odooFault({ kind: 'down' });
      const orderId = await api.submit([{ sku: 'SCRW-12', quantity: 2, uom: 'DZ' }]);
      await api.orderReaches(orderId, 'delivered');
      await until(async () => {
        const metrics = await (await fetch(`${p.urls['odoo-adapter']}/metrics`)).text();
        return /o2c_odoo_circuit_open 1/.test(metrics) ? true : undefined;
      }, 'circuit open');
      await fetch(`${p.urls['odoo-sim']}/__sim/faults`, { method: 'DELETE' });
      const [so] = await until(
        async () => {
          const found = await odoo.saleOrders(orderId);
          return found.length ? found : undefined;
        },
        'sale order once Odoo is back',
        90_000,
      );
      await until(
        async () => {
          const moves = await odoo.invoices(so!.name);
          return moves.some((m) => m.state === 'posted') ? true : undefined;
        },
        'invoice posted once Odoo is back',
        90_000,
      );
      expect(await odoo.saleOrders(orderId)).toHaveLength(1);
    });
  });

  describe('malformed and incompatible input from a channel', () => {
    it('rejects or dead-letters each bad message with its reason; the good one goes through', async () => {
      const deadLetters = await channel.read(`channels.orders.dlq.${p.prefix}order-intake`);
      await channel.sendRaw('garbage-1', Buffer.from('{"not":"avro"}'));
      const unknownSku = buildSubmitted({
        lines: [
          {
            lineRef: '1',
            sku: 'NOPE-404',
            quantity: 1,
            uom: 'EA',
            unitPriceMinor: 100,
            substitutionAllowed: null,
          },
        ],
      });
      await channel.submit(unknownSku);
      const good = buildSubmitted();
      await channel.submit(good);

      await until(() => (deadLetters.length ? true : undefined), 'the garbage dead-lettered');
      expect(String(deadLetters[0]!.headers['dlq-reason'])).toBeTruthy();
      const rejected = await until(async () => {
        const facts = (await call(`${p.urls['order-intake']}/admin/verify`)).body as {
          orders: Record<string, { status: string }>;
        };
        return Object.values(facts.orders).filter((o) => o.status === 'rejected').length
          ? true
          : undefined;
      }, 'the unknown SKU rejected');
      expect(rejected).toBe(true);
      const acceptedId = await until(async () => {
        const facts = (await call(`${p.urls['order-intake']}/admin/verify`)).body as {
          orders: Record<string, { status: string }>;
        };
        const ids = Object.keys(facts.orders);
        for (const id of ids) {
          const o = await api.order(id);
          if (
            o.timeline.some(
              (e) =>
                e.data.channelOrderRef === good.channelOrderRef && e.eventType === 'OrderAccepted',
            )
          )
            return id;
        }
        return undefined;
      }, 'the good order accepted');
      await api.orderReaches(acceptedId, 'delivered');
    });
  });

  describe('duplicate deliveries and replays', () => {
    it('applies no effect twice', async () => {
      const order = buildSubmitted();
      const eventId = await channel.submit(order);
      await channel.submit(order, eventId);
      await channel.submit(order, randomUUID());
      const orderId = await until(async () => {
        const facts = (await call(`${p.urls['order-intake']}/admin/verify`)).body as {
          orders: Record<string, { status: string }>;
        };
        for (const id of Object.keys(facts.orders)) {
          const o = await api.order(id);
          if (o.timeline.some((e) => e.data.channelOrderRef === order.channelOrderRef)) return id;
        }
        return undefined;
      }, 'the channel order');
      await api.orderReaches(orderId, 'delivered');
      const { stdout } = await replayShipments(p, orderId);
      expect(stdout).toMatch(/"published":\s*[1-9]/);
      // Once every consumer has read the replayed events, count effects.
      await until(() => groupsCaughtUp(p.prefix), 'every group caught up', 120_000);
      const timeline = (await api.order(orderId)).timeline.map((e) => e.eventType);
      expect(timeline.filter((t) => t === 'OrderAccepted')).toHaveLength(1);
      expect(timeline.filter((t) => t === 'InvoiceIssued')).toHaveLength(1);
      expect(await odoo.saleOrders(orderId)).toHaveLength(1);
    });
  });

  describe('metrics after a known scenario', () => {
    afterEach(() => api.clearCarrierFaults());

    it('count one order through every stage, one exception and one dead letter, and a replay adds nothing', async () => {
      const scrape = async () => {
        const texts = await Promise.all(
          (['order-intake', 'fulfillment'] as const).map(async (s) =>
            (await fetch(`${p.urls[s]}/metrics`)).text(),
          ),
        );
        const [intake, fulfillment] = texts as [string, string];
        const stage = (s: string) =>
          sampleOf(intake, 'o2c_order_stage_seconds_count', { stage: s }) ?? 0;
        return {
          accepted: stage('accepted'),
          reserved: stage('reserved'),
          shipped: stage('shipped'),
          invoiced: stage('invoiced'),
          posted:
            sampleOf(intake, 'http_server_request_duration_seconds_count', {
              method: 'POST',
              route: '/orders',
              status_code: '201',
            }) ?? 0,
          deadLetters:
            sampleOf(intake, 'o2c_dead_letters_total', {
              reason: 'permanent',
              group: `${p.prefix}order-intake`,
            }) ?? 0,
          exceptions:
            sampleOf(fulfillment, 'o2c_exceptions_open', { kind: 'fulfillment_failed' }) ?? 0,
          oldestException:
            sampleOf(fulfillment, 'o2c_exception_oldest_open_age_seconds', {
              kind: 'fulfillment_failed',
            }) ?? 0,
        };
      };
      const before = await scrape();
      const deadLetters = await channel.read(`channels.orders.dlq.${p.prefix}order-intake`);
      const delivered = await api.submit([{ sku: 'SCRW-12', quantity: 1, uom: 'DZ' }]);
      for (const carrier of ['dhl', 'ups'])
        await api.carrierFault({ carrier, mode: 'reject', match: { postalCode: '4444' } });
      const failed = await api.submit([{ sku: 'SCRW-12', quantity: 1, uom: 'DZ' }], {
        postalCode: '4444',
      });
      await channel.sendRaw('garbage-metrics', Buffer.from('not avro either'));
      await api.orderReaches(delivered, 'delivered');
      await api.orderReaches(failed, 'exception');
      await until(() => (deadLetters.length ? true : undefined), 'the garbage dead-lettered');
      const expected = {
        accepted: 2,
        reserved: 2,
        shipped: 1,
        invoiced: 1,
        posted: 2,
        deadLetters: 1,
        exceptions: 1,
      };
      const delta = (now: Awaited<ReturnType<typeof scrape>>) =>
        Object.fromEntries(
          Object.keys(expected).map((k) => [
            k,
            now[k as keyof typeof now] - before[k as keyof typeof before],
          ]),
        );
      // Stages are observed once their event is folded in: wait until every count has moved.
      const after = await until(async () => {
        const now = await scrape();
        const d = delta(now);
        return Object.entries(expected).every(([k, v]) => (d[k] ?? 0) >= v) ? now : undefined;
      }, 'the scenario in the metrics');
      expect(delta(after)).toEqual(expected);
      expect(after.oldestException).toBeGreaterThan(0);

      await replayShipments(p, delivered);
      await until(() => groupsCaughtUp(p.prefix), 'every group caught up', 120_000);
      expect(delta(await scrape())).toEqual(expected);
    });
  });

  describe('afterwards', () => {
    it('verify finds every order terminal or explained and nothing applied twice', async () => {
      const outcome = await verifySettled(p);
      expect(outcome.result.violations).toEqual([]);
      expect(outcome.exitCode).toBe(0);
    });
  });
});

async function replayShipments(p: Platform, orderId: string) {
  const { json } = await runOps([
    'replay',
    '--topic',
    `${p.prefix}fulfillment.shipments`,
    '--from',
    '1h',
    '--key',
    orderId,
    '--target',
    `${p.prefix}fulfillment.shipments`,
    '--execute',
  ]);
  return { stdout: JSON.stringify(json) };
}
