import { randomUUID } from 'node:crypto';
import { apiOf, until, type Api } from './support/api';
import { buildSubmitted, createChannel } from './support/channel';
import { odooOf } from './support/odoo';
import { startPlatform, type Platform } from './support/platform';
import { runOps, verify } from './support/verify';

type Channel = Awaited<ReturnType<typeof createChannel>>;
type Line = { lineNo: number; sku: string; quantity: number };

const linesOf = (e: { data: Record<string, unknown> }) => e.data.lines as Line[];
const qty = (lines: Line[]) => lines.reduce((a, l) => a + l.quantity, 0);

describe('order to cash, every service as its own process', () => {
  let p: Platform;
  let api: Api;
  let channel: Channel;
  let odoo: ReturnType<typeof odooOf>;

  beforeAll(async () => {
    p = await startPlatform({
      env: {
        'odoo-adapter': { ODOO_BREAKER_OPEN_MS: '1000', ODOO_TIMEOUT_MS: '2000' },
        fulfillment: { CARRIER_MAX_ATTEMPTS: '2', CARRIER_TIMEOUT_MS: '1500' },
      },
    });
    api = apiOf(p);
    odoo = odooOf(p);
    channel = await createChannel(p);
    // inventory-sync learns Odoo's stock from the adapter's first poll.
    await until(async () => {
      const a = await api.availability('FURN-001');
      return JSON.stringify(a).includes('"onHand":60') ? true : undefined;
    }, 'FURN-001 stock known to inventory-sync');
  });
  afterAll(async () => {
    await channel?.close();
    await p?.stopAll();
  });

  describe('happy path', () => {
    it('reserves, ships, delivers, invoices and takes the payment; Odoo matches', async () => {
      const orderId = await api.submit([{ sku: 'FURN-001', quantity: 2 }]);
      await api.orderReaches(orderId, 'delivered');
      const [invoice] = await api.events(orderId, 'InvoiceIssued');
      const invoiceId = invoice!.data.invoiceId as string;
      expect(qty(linesOf(invoice!))).toBe(2);

      const [so] = await until(async () => {
        const found = await odoo.saleOrders(orderId);
        return found.length ? found : undefined;
      }, 'sale order in Odoo');
      expect(so!.state).toBe('sale');
      await until(async () => {
        const moves = await odoo.invoices(so!.name);
        return moves.some((m) => m.ref === invoiceId && m.state === 'posted') ? true : undefined;
      }, 'posted invoice in Odoo');
      expect((await odoo.deliveries(so!.name)).map((d) => d.state)).toEqual(['done']);

      await odoo.pay(invoiceId);
      await api.events(orderId, 'PaymentReceived');
      const rec = await until(async () => {
        const r = (await api.reconciliation(orderId)) as { totals: Record<string, number> };
        return (r.totals.paidMinor ?? 0) > 0 ? r : undefined;
      }, 'payment in the reconciliation');
      expect(rec.totals.outstandingMinor).toBe(0);
      expect((rec as unknown as { mismatches: unknown[] }).mismatches).toEqual([]);
    });
  });

  describe('partial stock', () => {
    it('ships what there is, backorders the rest, ships it when stock arrives: two invoices', async () => {
      await api.setOdooStock('FURN-002', 3);
      await until(async () => {
        const a = await api.availability('FURN-002');
        return JSON.stringify(a).includes('"onHand":3') ? true : undefined;
      }, 'FURN-002 at 3');
      const orderId = await api.submit([{ sku: 'FURN-002', quantity: 5 }]);
      const [backorder] = await api.events(orderId, 'StockBackordered');
      expect(qty(linesOf(backorder!))).toBe(2);
      const [first] = await api.events(orderId, 'InvoiceIssued');
      expect(qty(linesOf(first!))).toBe(3);

      await api.setOdooStock('FURN-002', 20);
      const invoices = await api.events(orderId, 'InvoiceIssued', 2, 90_000);
      expect(invoices.map((i) => qty(linesOf(i))).sort()).toEqual([2, 3]);
      await api.orderReaches(orderId, 'delivered');
      const rec = (await api.reconciliation(orderId)) as {
        lines: Array<{ ordered: number; shipped: number; invoiced: number }>;
        mismatches: unknown[];
      };
      expect(rec.lines).toEqual([expect.objectContaining({ ordered: 5, shipped: 5, invoiced: 5 })]);
      expect(rec.mismatches).toEqual([]);
    });
  });

  describe('substitution', () => {
    beforeAll(async () => {
      await api.setOdooStock('FURN-001', 1);
      await until(async () => {
        const a = await api.availability('FURN-001');
        return JSON.stringify(a).includes('"onHand":1,') ? true : undefined;
      }, 'FURN-001 at 1');
    });

    let substituted: string;
    it('when the line allows it, ships the substitute for what is missing, at the ordered price', async () => {
      const orderId = (substituted = await api.submit([
        { sku: 'FURN-001', quantity: 3, substitutionAllowed: true, unitPriceMinor: 12_000 },
      ]));
      const [reserved] = await api.events(orderId, 'StockReserved');
      const lines = reserved!.data.lines as Array<{
        sku: string;
        quantity: number;
        substituted: boolean;
      }>;
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ sku: 'FURN-001', quantity: 1, substituted: false }),
          expect.objectContaining({ sku: 'FURN-001-B', quantity: 2, substituted: true }),
        ]),
      );
      const [invoice] = await api.events(orderId, 'InvoiceIssued');
      expect(invoice!.data.netMinor).toBe(36_000);
      await api.orderReaches(orderId, 'delivered');
    });

    it('when the line refuses it, backorders instead', async () => {
      // The last FURN-001 left with the order above. Until Odoo has validated that delivery, a
      // quant Odoo wrote before it (the reservation) can put the unit back on hand here
      // (inventory-sync README, known limits): wait for the validation, then for a poll after it.
      const [so] = await odoo.saleOrders(substituted);
      await until(
        async () =>
          (await odoo.deliveries(so!.name)).some((d) => d.state === 'done') ? true : undefined,
        'the delivery validated in Odoo',
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // polls every 500 ms here
      await until(async () => {
        const a = await api.availability('FURN-001');
        return JSON.stringify(a).includes('"onHand":0,') ? true : undefined;
      }, 'FURN-001 at 0');
      const orderId = await api.submit([
        { sku: 'FURN-001', quantity: 2, substitutionAllowed: false },
      ]);
      const [backorder] = await api.events(orderId, 'StockBackordered');
      expect(linesOf(backorder!)).toEqual([
        expect.objectContaining({ sku: 'FURN-001', quantity: 2 }),
      ]);
      const timeline = (await api.order(orderId)).timeline.map((e) => e.eventType);
      expect(timeline).not.toContain('StockReserved');
    });

    afterAll(() => api.setOdooStock('FURN-001', 60));
  });

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

  describe('return after delivery', () => {
    it('puts resaleable goods back and issues a credit note', async () => {
      const orderId = await api.submit([{ sku: 'FURN-001', quantity: 2 }]);
      await api.orderReaches(orderId, 'delivered');
      const [dispatched] = await api.events(orderId, 'ShipmentDispatched');
      const res = await api.returnGoods(orderId, {
        shipmentId: dispatched!.data.shipmentId,
        reasonCode: 'NOT_NEEDED',
        lines: [{ lineNo: 1, quantity: 1, condition: 'RESALEABLE' }],
      });
      expect(res.status).toBe(201);
      const [credit] = await api.events(orderId, 'CreditNoteIssued');
      expect(qty(linesOf(credit!))).toBe(1);
      const rec = (await api.reconciliation(orderId)) as {
        lines: Array<{ credited: number }>;
        mismatches: unknown[];
      };
      expect(rec.lines[0]!.credited).toBe(1);
      const tooMany = await api.returnGoods(orderId, {
        shipmentId: dispatched!.data.shipmentId,
        reasonCode: 'NOT_NEEDED',
        lines: [{ lineNo: 1, quantity: 2, condition: 'RESALEABLE' }],
      });
      expect(tooMany.status).toBe(422);
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
        const facts = (await (await fetch(`${p.urls['order-intake']}/admin/verify`)).json()) as {
          orders: Record<string, { status: string }>;
        };
        return Object.values(facts.orders).filter((o) => o.status === 'rejected').length
          ? true
          : undefined;
      }, 'the unknown SKU rejected');
      expect(rejected).toBe(true);
      const acceptedId = await until(async () => {
        const facts = (await (await fetch(`${p.urls['order-intake']}/admin/verify`)).json()) as {
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
        const facts = (await (await fetch(`${p.urls['order-intake']}/admin/verify`)).json()) as {
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
      // Give the replayed events time to reach every consumer, then count effects.
      await new Promise((r) => setTimeout(r, 5_000));
      const timeline = (await api.order(orderId)).timeline.map((e) => e.eventType);
      expect(timeline.filter((t) => t === 'OrderAccepted')).toHaveLength(1);
      expect(timeline.filter((t) => t === 'InvoiceIssued')).toHaveLength(1);
      expect(await odoo.saleOrders(orderId)).toHaveLength(1);
    });
  });

  describe('afterwards', () => {
    it('verify finds every order terminal or explained and nothing applied twice', async () => {
      const outcome = await until(
        async () => {
          const v = await verify(p, 0);
          return v.result.ok ? v : undefined;
        },
        'verify clean',
        90_000,
      ).catch(async () => verify(p, 0));
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
