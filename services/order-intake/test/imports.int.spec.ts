import { randomUUID } from 'node:crypto';
import { customerChanged, productChanged } from '@o2c/testing';
import type { ImportCandidate } from '../src/domain/order';
import { buildImportCandidate } from './build';
import { header, startHarness, until, type Harness, type Seen } from './harness';
import { IMPORT_API_KEYS, importKit, NO_OPS_KEY, type ImportResult as Result } from './import-kit';

describe('POST /admin/imports/orders', () => {
  let h: Harness;
  let salesOrders: Seen[];
  beforeAll(async () => {
    h = await startHarness({ API_KEYS: IMPORT_API_KEYS });
    salesOrders = await h.collect(`${h.prefix}sales.orders`);
    // Odoo's master data for the import: a customer without a complete address, a lamp.
    await h.masterData([customerChanged('IMP-CUST'), productChanged('IMP-LAMP', { uom: 'EA' })]);
  });
  afterAll(() => h?.stop());

  const { post, importedOf, outboxRows, fence } = importKit(
    () => h,
    () => salesOrders,
  );

  const good = buildImportCandidate({ customerId: 'IMP-CUST' });
  good.lines = [{ ...good.lines[0]!, sku: 'IMP-LAMP' }, good.lines[1]!];
  const base = buildImportCandidate();
  const unknownSku = buildImportCandidate({
    odooSaleOrderId: 5001,
    lines: [base.lines[0]!, { ...base.lines[1]!, lineNo: 2, sku: 'NO-SUCH-SKU' }],
  });
  const unknownCustomer = buildImportCandidate({ odooSaleOrderId: 5002, customerId: 'CUST-404' });
  let orderId = '';

  it('imports the known order and says why the others are unmappable, writing nothing for them', async () => {
    const outboxBefore = (await h.db('outbox').select('id')).length;
    const before = Date.now();
    const { res, body } = await post([good, unknownSku, unknownCustomer]);
    expect(res.status).toBe(200);
    const results = body.results as Result[];
    expect(results).toEqual([
      {
        channelOrderRef: good.channelOrderRef,
        odooSaleOrderId: good.odooSaleOrderId,
        outcome: 'imported',
        orderId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        reasons: [],
      },
      {
        channelOrderRef: unknownSku.channelOrderRef,
        odooSaleOrderId: 5001,
        outcome: 'unmappable',
        orderId: null,
        reasons: [{ code: 'UNKNOWN_SKU', message: "SKU 'NO-SUCH-SKU' is not sold", lineNo: 2 }],
      },
      {
        channelOrderRef: unknownCustomer.channelOrderRef,
        odooSaleOrderId: 5002,
        outcome: 'unmappable',
        orderId: null,
        reasons: [{ code: 'UNKNOWN_CUSTOMER', message: "customer 'CUST-404' is not known" }],
      },
    ]);
    orderId = results[0]!.orderId!;

    const row = (await h.db('orders').where({ order_id: orderId }).first()) as
      Record<string, unknown> | undefined;
    expect(row).toMatchObject({
      channel_code: 'odoo-import',
      channel_order_ref: good.channelOrderRef,
      status: 'imported',
      customer_id: 'IMP-CUST',
      currency: 'EUR',
    });
    expect(Number(row?.total_minor)).toBe(good.totalMinor);
    const refs = [unknownSku.channelOrderRef, unknownCustomer.channelOrderRef];
    expect(await h.db('orders').whereIn('channel_order_ref', refs)).toEqual([]);
    expect((await outboxRows(orderId)).map((r) => [r.topic, r.event_type])).toEqual([
      [`${h.prefix}sales.orders`, 'OrderImported'],
    ]);
    expect((await h.db('outbox').select('id')).length).toBe(outboxBefore + 1);

    await fence(orderId);
    const [message, ...more] = importedOf(good.channelOrderRef);
    expect(more).toEqual([]);
    const value = message!.value as ImportCandidate & { orderId: string; importedAt: number };
    expect(value).toEqual({ ...good, orderId, importedAt: value.importedAt });
    expect(value.importedAt).toBeGreaterThanOrEqual(before);
    expect(value.importedAt).toBeLessThanOrEqual(Date.now());
    expect(header(message!.headers, 'correlation-id')).toBe(orderId);
    for (const ref of refs) expect(importedOf(ref)).toEqual([]);
    expect(salesOrders.filter((m) => m.type === 'OrderRejected')).toEqual([]);
    expect(await h.metric('o2c_orders_imported_total', { outcome: 'unmappable' })).toBe(2);
  });

  it('shows the order as imported in GET /orders/:id, the search and the verify report', async () => {
    const view = await h.call('GET', `/orders/${orderId}`);
    expect(view.body).toMatchObject({ status: 'imported', customerId: 'IMP-CUST' });
    expect((view.body.timeline as Array<{ eventType: string }>).map((e) => e.eventType)).toEqual([
      'OrderImported',
    ]);
    const found = await h.call('GET', '/orders?channel=odoo-import&status=imported');
    expect((found.body.orders as Array<{ orderId: string }>).map((o) => o.orderId)).toContain(
      orderId,
    );
    const verify = await h.call('GET', '/admin/verify');
    expect((verify.body.orders as Record<string, { status: string }>)[orderId]).toMatchObject({
      status: 'imported',
    });
  });

  it('answers duplicate for the same sale order again, with its order id, and writes nothing', async () => {
    const again = await post([good]);
    expect(again.res.status).toBe(200);
    expect(again.body.results).toEqual([
      {
        channelOrderRef: good.channelOrderRef,
        odooSaleOrderId: good.odooSaleOrderId,
        outcome: 'duplicate',
        orderId,
        reasons: [],
      },
    ]);
    expect(await h.db('orders').where({ channel_order_ref: good.channelOrderRef })).toHaveLength(1);
    expect(await outboxRows(orderId)).toHaveLength(1);
    await fence(orderId);
    expect(importedOf(good.channelOrderRef)).toHaveLength(1);
    expect(await h.metric('o2c_orders_imported_total', { outcome: 'duplicate' })).toBe(1);
  });

  it('refuses to cancel the imported order, saying why', async () => {
    const { res, body } = await h.call('POST', `/orders/${orderId}/cancel`, {});
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(body.detail).toBe(
      `order ${orderId} was imported from Odoo: it is cancelled in Odoo, not through the platform`,
    );
    const row = await h
      .db('orders')
      .where({ order_id: orderId })
      .first<{ status: string } | undefined>('status');
    expect(row?.status).toBe('imported');
  });

  it('keeps the order imported when downstream news of it arrives, timing no stage', async () => {
    const dispatched = {
      orderId,
      shipmentId: randomUUID(),
      warehouseCode: 'WH',
      carrierCode: 'dhl',
      trackingNumber: 'TRK-IMP',
      lines: [{ lineNo: 1, sku: 'IMP-LAMP', quantity: 2, uom: 'EA' }],
      lastShipment: true,
      dispatchedAt: Date.now(),
    };
    await h.publish('fulfillment.shipments', 'ShipmentDispatched', dispatched, orderId);
    const view = await until(async () => {
      const { body } = await h.call('GET', `/orders/${orderId}`);
      return (body.timeline as unknown[]).length === 2 ? body : undefined;
    }, 'shipment in the timeline');
    expect(view).toMatchObject({ status: 'imported', progress: { shipmentsDispatched: 1 } });
    expect(await h.metric('o2c_order_stage_seconds_count', { stage: 'shipped' })).toBeUndefined();
  });

  describe('when the body is malformed', () => {
    it('answers 400 problem+json naming each field, and imports nothing', async () => {
      const broken = buildImportCandidate();
      const bad = {
        ...broken,
        lines: [{ ...broken.lines[0]!, quantity: 'two' }],
        odooSaleOrderId: undefined,
      };
      const { res, body } = await post([bad]);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(body.type).toBe('urn:o2c:problem:validation');
      const paths = (body.errors as Array<{ path: string }>).map((e) => e.path).sort();
      expect(paths).toEqual(['orders[0].lines[0].quantity', 'orders[0].odooSaleOrderId']);
      expect(await h.db('orders').where({ channel_order_ref: broken.channelOrderRef })).toEqual([]);

      const empty = await post([]);
      expect(empty.res.status).toBe(400);
      expect(empty.body.errors).toEqual([
        { path: 'orders', message: expect.any(String) as unknown },
      ]);
      const tooMany = await post(Array.from({ length: 101 }, () => buildImportCandidate()));
      expect(tooMany.res.status).toBe(400);
    });
  });

  describe('when the caller lacks ops:write', () => {
    it('answers 403 problem+json and imports nothing', async () => {
      const candidate = buildImportCandidate();
      const { res, body } = await post([candidate], { authorization: `Bearer ${NO_OPS_KEY}` });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(body.status).toBe(403);
      expect(await h.db('orders').where({ channel_order_ref: candidate.channelOrderRef })).toEqual(
        [],
      );
    });
  });
});
