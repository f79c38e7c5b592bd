import { buildLine, buildOrder } from './build';
import { buildDispatched, buildFailed, buildRequested, buildReturn } from './events';
import { startHarness, until, type Harness, type Seen } from './harness';
import { reservationHelpers } from './reservation-helpers';

describe('inventory-sync over Kafka: releases, dispatches and returns', () => {
  let h: Harness;
  let reservations: Seen[];
  let t: ReturnType<typeof reservationHelpers>;
  beforeAll(async () => {
    h = await startHarness();
    reservations = await h.collect('inventory.reservations');
    t = reservationHelpers(h, reservations);
  });
  afterAll(() => h?.stop());

  it('releases every open reservation and cancels the backorder when the order is cancelled', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 3);
    const order = buildOrder([buildLine({ quantity: 5 })], { warehouseCode: wh });
    const reserved = await t.accept(order);
    await t.nth(order.orderId, 'StockBackordered', 1);
    await h.send('OrderCancelled', {
      orderId: order.orderId,
      reasonCode: 'CUSTOMER_REQUEST',
      reasonText: null,
      cancelledBy: 'customer',
      cancelledAt: Date.now(),
    });
    const released = await t.nth(order.orderId, 'ReservationReleased', 1);
    expect(released.value).toMatchObject({
      reservationId: reserved.value.reservationId,
      reasonCode: 'ORDER_CANCELLED',
      lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA' }],
    });
    expect(await h.position('FURN-001', wh)).toMatchObject({ reserved: 0, availableToPromise: 3 });
    // The freed stock must not refill the cancelled order's own backorder.
    await h.settled(reservations, 'inventory.reservations');
    expect(t.of(order.orderId, 'StockReserved')).toHaveLength(1);
    expect((await h.verify()).orders[order.orderId]).toMatchObject({
      releasedByLine: { '1': 3 },
      backorderedByLine: {},
    });
  });

  it('reserves nothing for an order accepted after its cancellation arrived', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 10);
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
    expect(t.of(order.orderId, 'StockReserved')).toEqual([]);
    expect(t.of(order.orderId, 'StockBackordered')).toEqual([]);
    expect(await h.position('FURN-001', wh)).toMatchObject({ reserved: 0 });
  });

  it("releases a failed shipment's reservation on RELEASE_AND_ESCALATE only", async () => {
    const wh = t.warehouse();
    await t.stocked('COFF-1KG', wh, 10, 'KG');
    const order = buildOrder([buildLine({ sku: 'COFF-1KG', quantity: 2.5, uom: 'KG' })], {
      warehouseCode: wh,
    });
    const reserved = await t.accept(order);
    const req = buildRequested(order.orderId, String(reserved.value.reservationId), wh, [
      { lineNo: 1, sku: 'COFF-1KG', quantity: 2.5, uom: 'KG' },
    ]);
    await h.send('FulfillmentRequested', req);
    await h.send('FulfillmentFailed', buildFailed(req, 'REROUTE'));
    await h.send('FulfillmentFailed', buildFailed(req));
    const released = await t.nth(order.orderId, 'ReservationReleased', 1);
    expect(released.value).toMatchObject({ reasonCode: 'FULFILLMENT_FAILED' });
    expect(await h.position('COFF-1KG', wh)).toMatchObject({ onHand: 10, reserved: 0 });
    await h.settled(reservations, 'inventory.reservations');
    expect(t.of(order.orderId, 'ReservationReleased')).toHaveLength(1);
  });

  it("gives an escalated order's released stock to the next backorder, not back to itself", async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-002', wh, 3);
    const failing = buildOrder([buildLine({ sku: 'FURN-002', quantity: 5 })], {
      warehouseCode: wh,
    });
    const reserved = await t.accept(failing);
    await t.nth(failing.orderId, 'StockBackordered', 1);
    const waiting = buildOrder([buildLine({ sku: 'FURN-002', quantity: 2 })], {
      warehouseCode: wh,
    });
    await h.send('OrderAccepted', waiting);
    await t.nth(waiting.orderId, 'StockBackordered', 1);
    const req = buildRequested(failing.orderId, String(reserved.value.reservationId), wh, [
      { lineNo: 1, sku: 'FURN-002', quantity: 3, uom: 'EA' },
    ]);
    await h.send('FulfillmentRequested', req);
    await h.send('FulfillmentFailed', buildFailed(req));
    const filled = await t.nth(waiting.orderId, 'StockReserved', 1);
    expect(t.linesOf(filled)).toEqual([[1, 'FURN-002', 2, false]]);
    expect(t.of(failing.orderId, 'StockReserved')).toHaveLength(1);
    expect((await h.verify()).orders[failing.orderId]).toMatchObject({
      releasedByLine: { '1': 3 },
      backorderedByLine: { '1': 2 },
    });
    expect(await h.position('FURN-002', wh)).toMatchObject({ reserved: 2, availableToPromise: 1 });
  });

  it('consumes the reservation on dispatch, once, and puts resaleable returns back on hand', async () => {
    const wh = t.warehouse();
    await t.stocked('SCRW-12', wh, 120);
    const order = buildOrder([buildLine({ sku: 'SCRW-12', quantity: 3, uom: 'DZ' })], {
      warehouseCode: wh,
    });
    const reserved = await t.accept(order);
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
    await h.settled(reservations, 'inventory.reservations');
    expect(await h.position('SCRW-12', wh)).toMatchObject({ onHand: 96, reserved: 0, uom: 'EA' });
    expect((await h.verify()).orders[order.orderId]).toMatchObject({
      reservedByLine: { '1': 3 },
      consumedByLine: { '1': 3 },
    });
  });

  it('applies an event delivered twice, or replayed with a new event id, once', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 10);
    const order = buildOrder([buildLine({ quantity: 4 })], { warehouseCode: wh });
    const eventId = await h.send('OrderAccepted', order);
    await h.send('OrderAccepted', order, eventId);
    await h.send('OrderAccepted', order);
    await t.nth(order.orderId, 'StockReserved', 1);
    await h.settled(reservations, 'inventory.reservations');
    expect(t.of(order.orderId, 'StockReserved')).toHaveLength(1);
    expect(await h.position('FURN-001', wh)).toMatchObject({ reserved: 4 });
    const rows = await h.db('stock_ledger').where({ warehouse_code: wh, cause: 'reservation' });
    expect(rows).toHaveLength(1);
  });

  it('reports no violation in /admin/verify after all of it', async () => {
    expect(await h.verify()).toMatchObject({ service: 'inventory-sync', violations: [] });
  });
});
