import { randomUUID } from 'node:crypto';
import type { OrderImported } from '@o2c/contracts';
import { buildImported, buildImportedLine, buildLine, buildOrder } from './build';
import { startHarness, until, type Harness, type Seen } from './harness';
import { reservationHelpers } from './reservation-helpers';

describe('inventory-sync over Kafka: orders imported from Odoo', () => {
  let h: Harness;
  let reservations: Seen[];
  let stock: Seen[];
  let t: ReturnType<typeof reservationHelpers>;
  beforeAll(async () => {
    h = await startHarness();
    reservations = await h.collect('inventory.reservations');
    stock = await h.collect('inventory.stock');
    t = reservationHelpers(h, reservations);
  });
  afterAll(() => h?.stop());

  /** Publishes the import and waits until the inbox has it (applied or found a duplicate). */
  const imported = async (order: OrderImported, eventId = randomUUID()) => {
    await h.send('OrderImported', order, eventId);
    await until(
      async () =>
        (await h.db('inbox').where({ event_id: eventId }).first<{ event_id: string }>()) ??
        undefined,
      `OrderImported ${order.channelOrderRef} processed`,
    );
  };
  const pos = async (sku: string, wh: string) => {
    const p = await h.position(sku, wh);
    return p && [p.onHand, p.reserved, p.availableToPromise, p.uom];
  };
  const snapshot = async (orderIds: string[]) => ({
    verify: { ...(await h.verify()), checkedAt: undefined },
    reservations: await h.db('reservations').whereIn('order_id', orderIds).count({ n: '*' }),
    ledger: await h.db('stock_ledger').count({ n: '*' }),
    outbox: await h.db('outbox').count({ n: '*' }),
    orders: await h.db('orders').whereIn('order_id', orderIds).orderBy('order_id'),
  });

  it('holds what Odoo has not delivered against ATP, records deliveries as consumed, starts no flow, and ignores a duplicate', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-002', wh, 10);
    await t.stocked('SCRW-12', wh, 60);

    const open = buildImported(
      [
        buildImportedLine({ sku: 'FURN-002', quantity: 4 }),
        buildImportedLine({ lineNo: 2, sku: 'SCRW-12', quantity: 2, uom: 'DZ' }),
      ],
      { warehouseCode: wh },
    );
    await imported(open);
    expect(await pos('FURN-002', wh)).toEqual([10, 4, 6, 'EA']);
    expect(await pos('SCRW-12', wh)).toEqual([60, 24, 36, 'EA']);

    const partial = buildImported(
      [
        buildImportedLine({ sku: 'FURN-002', quantity: 5, deliveredQuantity: 2 }),
        buildImportedLine({
          lineNo: 2,
          sku: 'SCRW-12',
          quantity: 3,
          uom: 'DZ',
          deliveredQuantity: 1,
        }),
      ],
      { warehouseCode: wh },
    );
    await imported(partial);
    // Odoo's on-hand already lacks the delivered 2 and 1 DZ: only the rest is held.
    expect(await pos('FURN-002', wh)).toEqual([10, 7, 3, 'EA']);
    expect(await pos('SCRW-12', wh)).toEqual([60, 48, 12, 'EA']);

    const notInvoiced = buildImported(
      [buildImportedLine({ sku: 'FURN-002', quantity: 3, deliveredQuantity: 3 })],
      { warehouseCode: wh },
    );
    const completed = buildImported(
      [
        buildImportedLine({
          sku: 'SCRW-12',
          quantity: 1,
          uom: 'DZ',
          deliveredQuantity: 1,
          invoicedQuantity: 1,
        }),
      ],
      { warehouseCode: wh },
    );
    await imported(notInvoiced);
    await imported(completed);
    expect(await pos('FURN-002', wh)).toEqual([10, 7, 3, 'EA']);
    expect(await pos('SCRW-12', wh)).toEqual([60, 48, 12, 'EA']);

    // More held than Odoo has on hand: held anyway, ATP shows the shortfall as 0, no backorder.
    const short = buildImported([buildImportedLine({ sku: 'FURN-002', quantity: 5 })], {
      warehouseCode: wh,
    });
    await imported(short);
    expect(await pos('FURN-002', wh)).toEqual([10, 12, 0, 'EA']);

    const ids = [open, partial, notInvoiced, completed, short].map((o) => o.orderId);
    const report = await h.verify();
    expect(report.violations).toEqual([]);
    const lines = (o: OrderImported) => report.orders[o.orderId];
    expect(lines(open)).toEqual({
      reservedByLine: { 1: 4, 2: 2 },
      backorderedByLine: {},
      releasedByLine: {},
      consumedByLine: {},
    });
    expect(lines(partial)).toEqual({
      reservedByLine: { 1: 5, 2: 3 },
      backorderedByLine: {},
      releasedByLine: {},
      consumedByLine: { 1: 2, 2: 1 },
    });
    expect(lines(notInvoiced)).toMatchObject({
      reservedByLine: { 1: 3 },
      consumedByLine: { 1: 3 },
    });
    expect(lines(completed)).toMatchObject({ reservedByLine: { 1: 1 }, consumedByLine: { 1: 1 } });
    expect(lines(short)).toMatchObject({ reservedByLine: { 1: 5 }, backorderedByLine: {} });
    const states = await h.db('orders').whereIn('order_id', ids).select('order_id', 'state');
    expect(
      Object.fromEntries(
        states.map((s: { order_id: string; state: string }) => [s.order_id, s.state]),
      ),
    ).toEqual({
      [open.orderId]: 'active',
      [partial.orderId]: 'active',
      [notInvoiced.orderId]: 'completed',
      [completed.orderId]: 'completed',
      [short.orderId]: 'active',
    });

    // The held part is published as a position change, the reservation events never are.
    await until(
      () =>
        stock.find(
          (s) =>
            s.value.warehouseCode === wh && s.value.sku === 'FURN-002' && s.value.reserved === 12,
        ),
      'StockLevelChanged of the last import',
    );
    const flows = await h
      .db('outbox')
      .whereIn('key', ids)
      .whereIn('event_type', ['StockReserved', 'StockBackordered'])
      .count({ n: '*' });
    expect(flows).toEqual([{ n: '0' }]);
    // A normal order afterwards is reserved (its StockReserved arrives): none came for the imports.
    const sentinel = buildOrder([buildLine({ sku: 'FURN-002', quantity: 1 })], {
      warehouseCode: t.warehouse(),
    });
    await t.stocked('FURN-002', sentinel.warehouseCode, 1);
    await t.accept(sentinel);
    expect(reservations.filter((s) => ids.includes(s.value.orderId as string))).toEqual([]);

    // A duplicate under a new event id (past the inbox) changes nothing, even with other lines.
    const before = await snapshot(ids);
    await imported({ ...partial });
    await imported({ ...short, lines: [buildImportedLine({ sku: 'FURN-002', quantity: 9 })] });
    expect(await snapshot(ids)).toEqual(before);
    expect(await pos('FURN-002', wh)).toEqual([10, 12, 0, 'EA']);
  });

  it('holds an unknown SKU in a new position (ATP 0), and a cancellation releases only the held part', async () => {
    const wh = t.warehouse();
    const order = buildImported(
      [
        buildImportedLine({ sku: 'NEW-IMP-1', quantity: 2 }),
        buildImportedLine({
          lineNo: 2,
          sku: 'COFF-1KG',
          quantity: 2.5,
          uom: 'KG',
          deliveredQuantity: 1,
        }),
      ],
      { warehouseCode: wh },
    );
    await t.stocked('COFF-1KG', wh, 4, 'KG');
    await imported(order);
    expect(await pos('NEW-IMP-1', wh)).toEqual([0, 2, 0, 'EA']);
    expect(await pos('COFF-1KG', wh)).toEqual([4, 1.5, 2.5, 'KG']);

    await h.send('OrderCancelled', {
      orderId: order.orderId,
      reasonCode: 'OPERATOR',
      reasonText: null,
      cancelledBy: 'operator',
      cancelledAt: Date.now(),
    });
    const released = await t.nth(order.orderId, 'ReservationReleased', 1);
    expect(t.linesOf(released)).toEqual([
      [1, 'NEW-IMP-1', 2, undefined],
      [2, 'COFF-1KG', 1.5, undefined],
    ]);
    expect(await pos('COFF-1KG', wh)).toEqual([4, 0, 4, 'KG']);
    const report = await h.verify();
    expect(report.violations).toEqual([]);
    expect(report.orders[order.orderId]).toEqual({
      reservedByLine: { 1: 2, 2: 2.5 },
      backorderedByLine: {},
      releasedByLine: { 1: 2, 2: 1.5 },
      consumedByLine: { 2: 1 },
    });
  });
});
