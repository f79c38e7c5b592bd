import { randomUUID } from 'node:crypto';
import { buildOrderSubmitted } from '@o2c/testing';
import { buildOrderBody } from './build';
import { startHarness, until, type Harness } from './harness';

const line = { lineNo: 1, sku: 'FURN-002', quantity: 1, uom: 'EA' };

describe('o2c_order_stage_seconds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  const STAGES = ['accepted', 'reserved', 'shipped', 'invoiced'];
  const stage = async (name: string) => ({
    count: (await h.metric('o2c_order_stage_seconds_count', { stage: name })) ?? 0,
    sum: (await h.metric('o2c_order_stage_seconds_sum', { stage: name })) ?? 0,
  });
  const snapshot = async () =>
    new Map(await Promise.all(STAGES.map(async (n) => [n, await stage(n)] as const)));
  const timeline = (eventId: string) => h.db('order_events').where({ event_id: eventId }).first();

  describe('when a channel order is reserved, shipped and invoiced', () => {
    it('times each stage once, from the submission to the event’s own time, whatever is redelivered', async () => {
      const submittedAt = Date.now() - 600_000;
      const before = await snapshot();
      const submitted = buildOrderSubmitted({ submittedAt });
      await h.submit(submitted);
      const { order_id: orderId } = (await until(
        () => h.db('orders').where({ channel_order_ref: submitted.channelOrderRef }).first(),
        'the order accepted',
      )) as { order_id: string };

      const reserved = {
        orderId,
        reservationId: randomUUID(),
        warehouseCode: 'WH2',
        lines: [{ ...line, orderedSku: 'FURN-002', substituted: false }],
        partial: false,
        reservedAt: submittedAt + 42_000,
      };
      const reservedId = randomUUID();
      const at = (seconds: number) => submittedAt + seconds * 1000;
      const reserve = (data: typeof reserved, eventId: string, seconds: number) =>
        h.publish('inventory.reservations', 'StockReserved', data, orderId, eventId, at(seconds));
      await reserve(reserved, reservedId, 42);
      await reserve(reserved, reservedId, 42); // redelivered
      const secondId = randomUUID(); // a second reservation of the order: no new stage
      await reserve({ ...reserved, reservationId: randomUUID() }, secondId, 90);
      const shipment = {
        orderId,
        shipmentId: randomUUID(),
        warehouseCode: 'WH2',
        carrierCode: 'dhl',
        trackingNumber: `TRK-${randomUUID().slice(0, 6)}`,
        lines: [line],
        lastShipment: true,
        dispatchedAt: at(120),
      };
      await h.publish(
        'fulfillment.shipments',
        'ShipmentDispatched',
        shipment,
        orderId,
        randomUUID(),
        at(120),
      );
      const invoice = {
        orderId,
        invoiceId: randomUUID(),
        invoiceNumber: 'INV-1',
        shipmentIds: [shipment.shipmentId],
        customerId: 'CUST-001',
        currency: 'EUR',
        lines: [{ ...line, unitPriceMinor: 35_000, amountMinor: 35_000 }],
        netMinor: 35_000,
        taxMinor: 0,
        totalMinor: 35_000,
        issuedAt: at(180),
        dueAt: at(180 + 30 * 86_400),
      };
      await h.publish('billing.invoices', 'InvoiceIssued', invoice, orderId, randomUUID(), at(180));

      await until(() => timeline(secondId), 'the second reservation folded');
      const observed = async () => {
        const now = await snapshot();
        return now.get('invoiced')!.count > before.get('invoiced')!.count ? now : undefined;
      };
      const after = await until(observed, 'the invoiced stage observed');
      const delta = (n: string) => ({
        count: after.get(n)!.count - before.get(n)!.count,
        sum: after.get(n)!.sum - before.get(n)!.sum,
      });
      expect(delta('reserved').count).toBe(1);
      expect(delta('reserved').sum).toBeCloseTo(42, 3);
      expect(delta('shipped').count).toBe(1);
      expect(delta('shipped').sum).toBeCloseTo(120, 3);
      expect(delta('invoiced').count).toBe(1);
      expect(delta('invoiced').sum).toBeCloseTo(180, 3);
      // Accepted on consumption, about ten minutes after the channel's submission.
      expect(delta('accepted').count).toBe(1);
      expect(delta('accepted').sum).toBeGreaterThanOrEqual(600);
      expect(delta('accepted').sum).toBeLessThan(660);
    });
  });

  describe('when a REST order is accepted and its request replayed', () => {
    it('times the acceptance once, from the request’s arrival', async () => {
      const before = await stage('accepted');
      const body = buildOrderBody();
      const key = randomUUID();
      const first = await h.call('POST', '/orders', body, { 'Idempotency-Key': key });
      const replay = await h.call('POST', '/orders', body, { 'Idempotency-Key': key });
      expect([first.res.status, replay.res.status]).toEqual([201, 201]);
      const after = await stage('accepted');
      expect(after.count - before.count).toBe(1);
      expect(after.sum - before.sum).toBeLessThan(5);
    });
  });
});
