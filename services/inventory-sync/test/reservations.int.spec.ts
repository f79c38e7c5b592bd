import { randomUUID } from 'node:crypto';
import type { OrderAccepted } from '@o2c/contracts';
import { buildLine, buildOrder } from './build';
import { buildDispatched, buildFailed, buildQuant, buildRequested, buildReturn } from './events';
import { pause, startHarness, until, type Harness, type Seen } from './harness';

type Line = { lineNo: number; sku: string; quantity: number; substituted?: boolean };

describe('inventory-sync over Kafka', () => {
  let h: Harness;
  let reservations: Seen[];
  let stock: Seen[];
  beforeAll(async () => {
    h = await startHarness();
    reservations = await h.collect('inventory.reservations');
    stock = await h.collect('inventory.stock');
  });
  afterAll(() => h?.stop());

  // Each test its own warehouse: positions never leak between tests.
  const warehouse = () => `W-${randomUUID().slice(0, 8)}`;
  const of = (orderId: string, type: string) =>
    reservations.filter((s) => s.type === type && s.value.orderId === orderId);
  const nth = (orderId: string, type: string, n: number) =>
    until(() => of(orderId, type)[n - 1], `${type} #${n} of ${orderId}`);
  const stocked = async (sku: string, wh: string, onHand: number, uom = 'EA') => {
    await h.send('StockQuantChanged', buildQuant(sku, wh, onHand, { uom }));
    await until(
      async () => ((await h.position(sku, wh))?.onHand === onHand ? true : undefined),
      `${sku}@${wh} = ${onHand}`,
    );
  };
  const accept = async (order: OrderAccepted) => {
    await h.send('OrderAccepted', order);
    return nth(order.orderId, 'StockReserved', 1);
  };
  const linesOf = (s: Seen) =>
    (s.value.lines as Line[]).map((l) => [l.lineNo, l.sku, l.quantity, l.substituted]);

  it('takes Odoo quants as on-hand (base units), ignores a stale one, keeps an unknown SKU', async () => {
    const wh = warehouse();
    const first = buildQuant('FURN-001', wh, 10);
    await h.send('StockQuantChanged', first);
    await until(
      async () => (await h.position('FURN-001', wh))?.onHand === 10 || undefined,
      'quant',
    );
    await h.send(
      'StockQuantChanged',
      buildQuant('FURN-001', wh, 99, { odooWriteDate: first.odooWriteDate - 1 }),
    );
    await h.send('StockQuantChanged', buildQuant('SCRW-12', wh, 5, { uom: 'DZ' }));
    await until(
      async () => (await h.position('SCRW-12', wh))?.onHand === 60 || undefined,
      '5 DZ = 60 EA',
    );
    await stocked('NEW-SKU-9', wh, 3);

    expect(await h.position('FURN-001', wh)).toMatchObject({
      onHand: 10,
      reserved: 0,
      availableToPromise: 10,
      uom: 'EA',
    });
    expect(await h.position('SCRW-12', wh)).toMatchObject({ onHand: 60, uom: 'EA' });
    // Events reach Kafka through the outbox relay, after the positions commit: wait for the last.
    const levelsOf = (sku: string) =>
      stock.filter((s) => s.value.warehouseCode === wh && s.value.sku === sku);
    await until(() => levelsOf('NEW-SKU-9')[0], 'StockLevelChanged of NEW-SKU-9');
    const levels = await until(
      () => (levelsOf('FURN-001').length ? levelsOf('FURN-001') : undefined),
      'StockLevelChanged of FURN-001',
    );
    expect(levels.map((s) => [s.type, s.value.onHand, s.value.cause])).toEqual([
      ['StockLevelChanged', 10, 'odoo-stock-move'],
    ]);
  });

  it('reserves an order in full and lowers ATP', async () => {
    const wh = warehouse();
    await stocked('FURN-001', wh, 10);
    const order = buildOrder([buildLine({ quantity: 4 })], { warehouseCode: wh });
    const reserved = await accept(order);
    expect(reserved.value).toMatchObject({ partial: false, warehouseCode: wh });
    expect(linesOf(reserved)).toEqual([[1, 'FURN-001', 4, false]]);
    await until(
      async () => (await h.position('FURN-001', wh))?.reserved === 4 || undefined,
      'reserved 4',
    );
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 10, availableToPromise: 6 });
    await until(
      () => stock.find((s) => s.value.warehouseCode === wh && s.value.cause === 'reservation'),
      'StockLevelChanged',
    );
    expect(of(order.orderId, 'StockBackordered')).toEqual([]);
  });

  it('reserves part, backorders the rest, and fills the backorder when stock arrives', async () => {
    const wh = warehouse();
    await stocked('FURN-002', wh, 3);
    const order = buildOrder([buildLine({ sku: 'FURN-002', quantity: 5 })], { warehouseCode: wh });
    const first = await accept(order);
    expect(first.value.partial).toBe(true);
    expect(linesOf(first)).toEqual([[1, 'FURN-002', 3, false]]);
    const backorder = await nth(order.orderId, 'StockBackordered', 1);
    expect(backorder.value.lines).toEqual([
      { lineNo: 1, sku: 'FURN-002', quantity: 2, uom: 'EA', expectedAvailableAt: null },
    ]);

    await h.send('StockQuantChanged', buildQuant('FURN-002', wh, 10));
    const second = await nth(order.orderId, 'StockReserved', 2);
    expect(second.value.reservationId).not.toBe(first.value.reservationId);
    expect(second.value.partial).toBe(false);
    expect(linesOf(second)).toEqual([[1, 'FURN-002', 2, false]]);
    expect(await h.position('FURN-002', wh)).toMatchObject({ onHand: 10, reserved: 5 });
    expect((await h.verify()).orders[order.orderId]).toEqual({
      reservedByLine: { '1': 5 },
      backorderedByLine: {},
      releasedByLine: {},
      consumedByLine: {},
    });
  });

  it('reserves the substitute when the line allows it, and backorders when it does not', async () => {
    const wh = warehouse();
    await stocked('FURN-001', wh, 2);
    await stocked('FURN-001-B', wh, 5);
    const allows = buildOrder([buildLine({ quantity: 4, substitutionAllowed: true })], {
      warehouseCode: wh,
    });
    expect(linesOf(await accept(allows))).toEqual([
      [1, 'FURN-001', 2, false],
      [1, 'FURN-001-B', 2, true],
    ]);
    const refuses = buildOrder([buildLine({ quantity: 2, substitutionAllowed: false })], {
      warehouseCode: wh,
    });
    await h.send('OrderAccepted', refuses);
    const backorder = await nth(refuses.orderId, 'StockBackordered', 1);
    expect(backorder.value.lines).toMatchObject([{ sku: 'FURN-001', quantity: 2 }]);
    expect(of(refuses.orderId, 'StockReserved')).toEqual([]);
    expect(await h.position('FURN-001-B', wh)).toMatchObject({
      reserved: 2,
      availableToPromise: 3,
    });
  });

  it('releases every open reservation and cancels the backorder when the order is cancelled', async () => {
    const wh = warehouse();
    await stocked('FURN-001', wh, 3);
    const order = buildOrder([buildLine({ quantity: 5 })], { warehouseCode: wh });
    const reserved = await accept(order);
    await nth(order.orderId, 'StockBackordered', 1);
    await h.send('OrderCancelled', {
      orderId: order.orderId,
      reasonCode: 'CUSTOMER_REQUEST',
      reasonText: null,
      cancelledBy: 'customer',
      cancelledAt: Date.now(),
    });
    const released = await nth(order.orderId, 'ReservationReleased', 1);
    expect(released.value).toMatchObject({
      reservationId: reserved.value.reservationId,
      reasonCode: 'ORDER_CANCELLED',
      lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA' }],
    });
    expect(await h.position('FURN-001', wh)).toMatchObject({ reserved: 0, availableToPromise: 3 });
    // The freed stock must not refill the cancelled order's own backorder.
    await pause(500);
    expect(of(order.orderId, 'StockReserved')).toHaveLength(1);
    expect((await h.verify()).orders[order.orderId]).toMatchObject({
      releasedByLine: { '1': 3 },
      backorderedByLine: {},
    });
  });

  it('reserves nothing for an order accepted after its cancellation arrived', async () => {
    const wh = warehouse();
    await stocked('FURN-001', wh, 10);
    const order = buildOrder([buildLine({ quantity: 4 })], { warehouseCode: wh });
    await h.send('OrderCancelled', {
      orderId: order.orderId,
      reasonCode: 'OPERATOR',
      reasonText: null,
      cancelledBy: 'operator',
      cancelledAt: Date.now(),
    });
    const acceptedId = await h.send('OrderAccepted', order);
    await until(async () => {
      const row: unknown = await h.db('inbox').where({ event_id: acceptedId }).first();
      return row;
    }, 'the late OrderAccepted handled');
    expect(of(order.orderId, 'StockReserved')).toEqual([]);
    expect(of(order.orderId, 'StockBackordered')).toEqual([]);
    expect(await h.position('FURN-001', wh)).toMatchObject({ reserved: 0 });
  });

  it("releases a failed shipment's reservation on RELEASE_AND_ESCALATE only", async () => {
    const wh = warehouse();
    await stocked('COFF-1KG', wh, 10, 'KG');
    const order = buildOrder([buildLine({ sku: 'COFF-1KG', quantity: 2.5, uom: 'KG' })], {
      warehouseCode: wh,
    });
    const reserved = await accept(order);
    const req = buildRequested(order.orderId, String(reserved.value.reservationId), wh, [
      { lineNo: 1, sku: 'COFF-1KG', quantity: 2.5, uom: 'KG' },
    ]);
    await h.send('FulfillmentRequested', req);
    await h.send('FulfillmentFailed', buildFailed(req, 'REROUTE'));
    await h.send('FulfillmentFailed', buildFailed(req));
    const released = await nth(order.orderId, 'ReservationReleased', 1);
    expect(released.value).toMatchObject({ reasonCode: 'FULFILLMENT_FAILED' });
    expect(await h.position('COFF-1KG', wh)).toMatchObject({ onHand: 10, reserved: 0 });
    await pause(300);
    expect(of(order.orderId, 'ReservationReleased')).toHaveLength(1);
  });

  it("gives an escalated order's released stock to the next backorder, not back to itself", async () => {
    const wh = warehouse();
    await stocked('FURN-002', wh, 3);
    const failing = buildOrder([buildLine({ sku: 'FURN-002', quantity: 5 })], {
      warehouseCode: wh,
    });
    const reserved = await accept(failing);
    await nth(failing.orderId, 'StockBackordered', 1);
    const waiting = buildOrder([buildLine({ sku: 'FURN-002', quantity: 2 })], {
      warehouseCode: wh,
    });
    await h.send('OrderAccepted', waiting);
    await nth(waiting.orderId, 'StockBackordered', 1);
    const req = buildRequested(failing.orderId, String(reserved.value.reservationId), wh, [
      { lineNo: 1, sku: 'FURN-002', quantity: 3, uom: 'EA' },
    ]);
    await h.send('FulfillmentRequested', req);
    await h.send('FulfillmentFailed', buildFailed(req));
    const filled = await nth(waiting.orderId, 'StockReserved', 1);
    expect(linesOf(filled)).toEqual([[1, 'FURN-002', 2, false]]);
    expect(of(failing.orderId, 'StockReserved')).toHaveLength(1);
    expect((await h.verify()).orders[failing.orderId]).toMatchObject({
      releasedByLine: { '1': 3 },
      backorderedByLine: { '1': 2 },
    });
    expect(await h.position('FURN-002', wh)).toMatchObject({ reserved: 2, availableToPromise: 1 });
  });

  it('consumes the reservation on dispatch, once, and puts resaleable returns back on hand', async () => {
    const wh = warehouse();
    await stocked('SCRW-12', wh, 120);
    const order = buildOrder([buildLine({ sku: 'SCRW-12', quantity: 3, uom: 'DZ' })], {
      warehouseCode: wh,
    });
    const reserved = await accept(order);
    const lines = [{ lineNo: 1, sku: 'SCRW-12', quantity: 3, uom: 'DZ' }];
    const req = buildRequested(order.orderId, String(reserved.value.reservationId), wh, lines);
    await h.send('FulfillmentRequested', req);
    const dispatched = buildDispatched(req);
    await h.send('ShipmentDispatched', dispatched);
    await h.send('ShipmentDispatched', dispatched); // replayed with a new event id
    await until(
      async () => (await h.position('SCRW-12', wh))?.onHand === 84 || undefined,
      'consumed',
    );
    await h.send(
      'ReturnReceived',
      buildReturn(req, [
        { lineNo: 1, sku: 'SCRW-12', quantity: 1, uom: 'DZ', condition: 'RESALEABLE' },
        { lineNo: 1, sku: 'SCRW-12', quantity: 1, uom: 'DZ', condition: 'DAMAGED' },
      ]),
    );
    await until(
      async () => (await h.position('SCRW-12', wh))?.onHand === 96 || undefined,
      'returned',
    );
    await pause(300);
    expect(await h.position('SCRW-12', wh)).toMatchObject({ onHand: 96, reserved: 0, uom: 'EA' });
    expect((await h.verify()).orders[order.orderId]).toMatchObject({
      reservedByLine: { '1': 3 },
      consumedByLine: { '1': 3 },
    });
  });

  it('applies an event delivered twice, or replayed with a new event id, once', async () => {
    const wh = warehouse();
    await stocked('FURN-001', wh, 10);
    const order = buildOrder([buildLine({ quantity: 4 })], { warehouseCode: wh });
    const eventId = await h.send('OrderAccepted', order);
    await h.send('OrderAccepted', order, eventId);
    await h.send('OrderAccepted', order);
    await nth(order.orderId, 'StockReserved', 1);
    await pause(1000);
    expect(of(order.orderId, 'StockReserved')).toHaveLength(1);
    expect(await h.position('FURN-001', wh)).toMatchObject({ reserved: 4 });
    const rows = await h.db('stock_ledger').where({ warehouse_code: wh, cause: 'reservation' });
    expect(rows).toHaveLength(1);
  });

  it('never promises more than there is when orders of one SKU race across partitions', async () => {
    const wh = warehouse();
    await stocked('FURN-001', wh, 10);
    const orders = Array.from({ length: 20 }, () =>
      buildOrder([buildLine({ quantity: 1, substitutionAllowed: true })], { warehouseCode: wh }),
    );
    await Promise.all(orders.map((o) => h.send('OrderAccepted', o)));
    const settled = (o: OrderAccepted) =>
      of(o.orderId, 'StockReserved').length + of(o.orderId, 'StockBackordered').length;
    await until(() => orders.every((o) => settled(o) > 0) || undefined, 'all 20 decided');
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 10, reserved: 10 });
    expect(orders.filter((o) => of(o.orderId, 'StockBackordered').length)).toHaveLength(10);

    await h.send('StockQuantChanged', buildQuant('FURN-001', wh, 25));
    await until(
      () => orders.every((o) => of(o.orderId, 'StockReserved').length === 1) || undefined,
      'every backorder filled',
    );
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 25, reserved: 20 });
    expect((await h.verify()).violations).toEqual([]);
  });

  it('answers 400 problem+json to bad availability parameters', async () => {
    const { res, body } = await h.call('GET', '/availability?sku=a%20b&color=red');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(body.type).toBe('urn:o2c:problem:validation');
  });

  it('documents its API at /openapi.json', async () => {
    const { body } = await h.call('GET', '/openapi.json');
    expect(Object.keys(body.paths as object)).toEqual(
      expect.arrayContaining(['/availability', '/reconciliations', '/admin/verify']),
    );
  });

  it('reports no violation in /admin/verify after all of it', async () => {
    const report = await h.verify();
    expect(report).toMatchObject({ service: 'inventory-sync', violations: [] });
    expect(Object.keys(report.orders).length).toBeGreaterThanOrEqual(7);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    for (const outcome of ['full', 'partial', 'backordered', 'substituted']) {
      const n = new RegExp(
        `^o2c_reservations_total\\{[^}]*outcome="${outcome}"[^}]*\\} (\\d+)`,
        'm',
      ).exec(metrics)?.[1];
      expect(Number(n)).toBeGreaterThan(0);
    }
  });
});
