import { randomUUID } from 'node:crypto';
import type { OrderImported, StockReserved } from '@o2c/contracts';
import {
  buildOrderAccepted,
  buildOrderImported,
  buildReserved,
  startCarrierSim,
  startHarness,
  type CarrierSimProcess,
  type Harness,
} from './harness';
import { waitFor } from '@o2c/testing';

/** A reservation of all of an imported order, as inventory-sync would send for an accepted one. */
const reservationOf = (order: OrderImported): StockReserved => ({
  orderId: order.orderId,
  reservationId: randomUUID(),
  warehouseCode: order.warehouseCode,
  lines: order.lines.map((l) => ({
    lineNo: l.lineNo,
    orderedSku: l.sku,
    sku: l.sku,
    quantity: l.quantity,
    uom: l.uom,
    substituted: false,
  })),
  partial: false,
  reservedAt: Date.now(),
});

describe('OrderImported (real Kafka, registry, Postgres)', () => {
  let sim: CarrierSimProcess;
  let h: Harness;
  beforeAll(async () => {
    sim = await startCarrierSim();
    h = await startHarness(sim, { LOG_LEVEL: process.env.SVC_LOG ?? 'warn' });
    await h.startApp();
  });
  afterAll(async () => {
    await h?.stop();
    await sim?.stop();
  });

  const invoice = { odooInvoiceId: 7, name: 'INV/2026/00007', totalMinor: 1000 };
  const open = buildOrderImported();
  const partial = buildOrderImported([2, 1], [2, 1], { deliveries: 1, invoices: [invoice] });
  const notInvoiced = buildOrderImported([2, 3], [0, 0], { deliveries: 2 });
  const completed = buildOrderImported([2, 3], [2, 3], { deliveries: 1, invoices: [invoice] });
  // Odoo delivered (and billed) one dozen more than ordered: Odoo's fact, not a violation of ours.
  const overDelivered = buildOrderImported([2, 4], [2, 4], { deliveries: 1 });
  // Its reservation overtakes it (another topic): parked, then dropped on import.
  const overtaken = buildOrderImported([1, 0], [0, 0], { deliveries: 1 });
  // Imported while open, then cancelled in Odoo by the path that wrote it (OrderCancelled).
  const cancelled = buildOrderImported([1, 2], [1, 0], { deliveries: 2 });
  const imported = [open, partial, notInvoiced, completed, overDelivered, overtaken, cancelled];
  const expected: Record<string, { state: string; shippedByLine: object; shipments: number }> = {
    [open.orderId]: { state: 'IMPORTED', shippedByLine: {}, shipments: 0 },
    [partial.orderId]: { state: 'IMPORTED', shippedByLine: { 1: 2, 2: 1 }, shipments: 1 },
    [notInvoiced.orderId]: { state: 'IMPORTED', shippedByLine: { 1: 2, 2: 3 }, shipments: 2 },
    [completed.orderId]: { state: 'COMPLETED', shippedByLine: { 1: 2, 2: 3 }, shipments: 1 },
    [overDelivered.orderId]: { state: 'COMPLETED', shippedByLine: { 1: 2, 2: 4 }, shipments: 1 },
    [overtaken.orderId]: { state: 'IMPORTED', shippedByLine: { 1: 1 }, shipments: 1 },
    [cancelled.orderId]: { state: 'CANCELLED', shippedByLine: { 1: 1, 2: 2 }, shipments: 2 },
  };
  const ids = imported.map((o) => o.orderId);
  const eventIds = new Map<string, string>();
  // As order-intake publishes it when bootstrap finds the sale order cancelled in Odoo.
  const cancelledInOdoo = (o: OrderImported, cancelledAt: number) => ({
    orderId: o.orderId,
    reasonCode: 'CHANNEL_CANCELLED',
    reasonText: `cancelled in Odoo (${o.channelOrderRef})`,
    cancelledBy: 'system',
    cancelledAt,
  });
  const cancelledAt = Date.now();
  const cancelledAtOf = async () =>
    (await h.app.db('orders').whereIn('order_id', ids).whereNotNull('cancelled_at')).map(
      (r: { order_id: string; cancelled_at: Date }) => [r.order_id, r.cancelled_at.getTime()],
    );

  it('records each order as Odoo holds it, without starting a saga; a cancel in Odoo cancels an open one only', async () => {
    // A platform order alongside: its FulfillmentRequested proves this pipeline publishes.
    const accepted = buildOrderAccepted();
    await h.send('OrderAccepted', accepted);
    await h.send('StockReserved', buildReserved(accepted));
    await h.send('StockReserved', reservationOf(overtaken));
    await h.settled();
    expect(await h.app.db('parked_events').where({ order_id: overtaken.orderId })).toHaveLength(1);

    for (const o of imported) eventIds.set(o.orderId, await h.send('OrderImported', o));
    await h.settled();
    const reserved = reservationOf(open);
    await h.send('StockReserved', reserved);
    await h.send('StockReserved', reservationOf(partial));
    await h.send('StockBackordered', {
      orderId: notInvoiced.orderId,
      backorderId: randomUUID(),
      warehouseCode: 'WH',
      lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA', expectedAvailableAt: null }],
      backorderedAt: Date.now(),
    });
    await h.send('ReservationReleased', {
      orderId: open.orderId,
      reservationId: reserved.reservationId,
      reasonCode: 'ORDER_CANCELLED',
      lines: reserved.lines.map((l) => ({
        lineNo: l.lineNo,
        sku: l.sku,
        quantity: l.quantity,
        uom: l.uom,
      })),
      releasedAt: Date.now(),
    });
    await h.send('OrderCancelled', cancelledInOdoo(cancelled, cancelledAt));
    // Odoo completed it before: nothing left to cancel, it stays COMPLETED.
    await h.send('OrderCancelled', cancelledInOdoo(completed, cancelledAt));
    await h.waitEvents(accepted.orderId, 'FulfillmentRequested');
    await h.settled();

    const verify = await h.verify();
    expect(verify.violations).toEqual([]);
    for (const id of ids) {
      expect(verify.orders[id]).toMatchObject({ ...expected[id], returnedByLine: {} });
      expect(verify.orders[id]).toHaveProperty('updatedAt', expect.any(Number));
      expect(h.eventsOf(id)).toEqual([]);
    }
    expect(h.eventsOf(accepted.orderId, 'FulfillmentRequested')).toHaveLength(1);
    expect(await h.app.db('shipments').whereIn('order_id', ids)).toEqual([]);
    expect(await h.app.db('parked_events').whereIn('order_id', ids)).toEqual([]);
    expect(await h.app.db('backorders').whereIn('order_id', ids)).toEqual([]);
    expect(await h.app.db('releases').whereIn('order_id', ids)).toEqual([]);
    expect(await cancelledAtOf()).toEqual([[cancelled.orderId, cancelledAt]]);
    const states = await h.app
      .db('imported_orders')
      .whereIn('order_id', ids)
      .select<Array<{ order_id: string; state: string }>>('order_id', 'state');
    expect(Object.fromEntries(states.map((r) => [r.order_id, r.state]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, expected[id]!.state])),
    );
  });

  it('an OrderCancelled again, for the cancelled or the completed order, changes nothing', async () => {
    const before = pick((await h.verify()).orders);
    await h.send('OrderCancelled', cancelledInOdoo(cancelled, cancelledAt + 60_000));
    await h.send('OrderCancelled', cancelledInOdoo(completed, cancelledAt + 60_000));
    await h.settled();
    const after = await h.verify();
    expect(after.violations).toEqual([]);
    expect(pick(after.orders)).toEqual(before);
    expect(after.orders[cancelled.orderId]).toMatchObject(expected[cancelled.orderId]!);
    expect(after.orders[completed.orderId]).toMatchObject(expected[completed.orderId]!);
    expect(await cancelledAtOf()).toEqual([[cancelled.orderId, cancelledAt]]);
    for (const id of ids) expect(h.eventsOf(id)).toEqual([]);
  });

  const pick = (orders: Record<string, unknown>) =>
    Object.fromEntries(ids.map((id) => [id, orders[id]]));
  const importedAtOf = async (orderId: string) =>
    (
      await h.app
        .db('imported_orders')
        .where({ order_id: orderId })
        .first<{ imported_at: Date }>('imported_at')
    ).imported_at;

  it('a duplicate import, redelivered, replayed or under another id, changes nothing', async () => {
    const before = pick((await h.verify()).orders);
    await h.send('OrderImported', open, eventIds.get(open.orderId));
    // Replays of a snapshot not newer than the last applied, with other facts: stale.
    await h.send('OrderImported', { ...partial, lines: completed.lines, deliveries: 3 });
    await h.send('OrderImported', {
      ...completed,
      importedAt: completed.importedAt - 60_000,
      lines: open.lines,
      deliveries: 0,
    });
    // The same sale order under another order id, even newer: the first one is kept.
    const other = { ...notInvoiced, orderId: randomUUID(), importedAt: Date.now(), deliveries: 5 };
    await h.send('OrderImported', other);
    await h.settled();
    const after = await h.verify();
    expect(after.violations).toEqual([]);
    expect(pick(after.orders)).toEqual(before);
    expect(after.orders[other.orderId]).toBeUndefined();
    expect(Object.keys(after.orders)).toHaveLength(ids.length + 1);
    for (const id of ids) expect(after.orders[id]).toMatchObject(expected[id]!);
    expect(await h.app.db('imported_orders').count<Array<{ count: string }>>('* as count')).toEqual(
      [{ count: String(ids.length) }],
    );
    expect((await importedAtOf(completed.orderId)).getTime()).toBe(completed.importedAt);
    for (const id of ids) expect(h.eventsOf(id)).toEqual([]);
  });

  it('a newer snapshot refreshes the order; an older one replayed after it changes nothing', async () => {
    const before = (await h.verify()).orders;
    const importedAt = Date.now() + 1_000;
    // The old path delivered and invoiced the rest of `partial`, and one more of `open`.
    const partialDone = { ...partial, importedAt, deliveries: 2 };
    partialDone.lines = partial.lines.map((l) => ({
      ...l,
      deliveredQuantity: l.quantity,
      invoicedQuantity: l.quantity,
    }));
    const openMoved = { ...open, importedAt, deliveries: 1 };
    openMoved.lines = open.lines.map((l) => ({ ...l, deliveredQuantity: l.lineNo === 1 ? 1 : 0 }));
    await h.send('OrderImported', partialDone);
    await h.send('OrderImported', openMoved);
    await h.settled();
    const refreshed = (await h.verify()).orders;
    expect(refreshed[partial.orderId]).toMatchObject({
      state: 'COMPLETED',
      shippedByLine: { 1: 2, 2: 3 },
      shipments: 2,
    });
    expect(refreshed[open.orderId]).toMatchObject({
      state: 'IMPORTED',
      shippedByLine: { 1: 1 },
      shipments: 1,
    });
    for (const id of [partial.orderId, open.orderId])
      expect(refreshed[id]!.updatedAt).toBeGreaterThan(before[id]!.updatedAt);
    expect((await importedAtOf(partial.orderId)).getTime()).toBe(importedAt);

    // The first snapshots again (as a new run of an old batch would send them): stale.
    await h.send('OrderImported', partial);
    await h.send('OrderImported', { ...openMoved, importedAt: importedAt - 1, deliveries: 0 });
    await h.settled();
    const after = await h.verify();
    expect(after.violations).toEqual([]);
    expect(pick(after.orders)).toEqual(pick(refreshed));
    expect((await importedAtOf(partial.orderId)).getTime()).toBe(importedAt);
    for (const id of ids) expect(h.eventsOf(id)).toEqual([]);
  });

  it('a decreasing or changed snapshot, or an import of a platform order, is dead-lettered with the reason', async () => {
    const letters = await h.deadLetters('sales.orders');
    const before = (await h.verify()).orders;
    const importedAt = Date.now() + 2_000;
    const decreasing = { ...notInvoiced, importedAt };
    decreasing.lines = notInvoiced.lines.map((l) =>
      l.lineNo === 2 ? { ...l, deliveredQuantity: 1 } : l,
    );
    const changed = { ...overtaken, importedAt };
    changed.lines = overtaken.lines.map((l) => (l.lineNo === 1 ? { ...l, quantity: 5 } : l));
    const platform = buildOrderAccepted();
    await h.send('OrderAccepted', platform);
    await h.settled();
    const sent = new Map([
      [await h.send('OrderImported', decreasing), decreasing.orderId],
      [await h.send('OrderImported', changed), changed.orderId],
      [
        await h.send(
          'OrderImported',
          buildOrderImported([0, 0], [0, 0], { orderId: platform.orderId }),
        ),
        platform.orderId,
      ],
    ]);
    await h.settled();
    await waitFor(() => letters.length >= 3, { what: 'three dead letters' });
    const byOrder = Object.fromEntries(letters.map((l) => [l.key ?? '', l]));
    expect(letters.map((l) => sent.get(l.eventId!)).sort()).toEqual([...sent.values()].sort());
    expect(byOrder[decreasing.orderId]).toMatchObject({
      reason: 'permanent',
      code: 'IMPORT_QUANTITY_DECREASED',
      message: `imported order ${decreasing.orderId}: delivered quantity decreased: line 2 3 -> 1`,
    });
    expect(byOrder[changed.orderId]).toMatchObject({
      reason: 'permanent',
      code: 'IMPORT_LINES_CHANGED',
      message: `imported order ${changed.orderId}: lines changed: [1 FURN-001 2 EA] became [1 FURN-001 5 EA]`,
    });
    expect(byOrder[platform.orderId]).toMatchObject({ reason: 'permanent', code: 'NOT_IMPORTED' });
    expect(byOrder[platform.orderId]!.message).toContain(
      `order ${platform.orderId} was accepted through the platform, not imported`,
    );
    const after = await h.verify();
    expect(after.violations).toEqual([]);
    expect(pick(after.orders)).toEqual(pick(before));
    expect(after.orders[platform.orderId]).toMatchObject({ state: 'IN_PROGRESS', shipments: 0 });
    expect(await h.app.db('imported_orders').where({ order_id: platform.orderId })).toEqual([]);
    expect((await importedAtOf(notInvoiced.orderId)).getTime()).toBe(notInvoiced.importedAt);
    for (const id of ids) expect(h.eventsOf(id)).toEqual([]);
  });
});
