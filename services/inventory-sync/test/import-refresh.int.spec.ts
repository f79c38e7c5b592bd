import { randomUUID } from 'node:crypto';
import type { ImportedLine, OrderImported } from '@o2c/contracts';
import type { DeadLetter } from '@o2c/testing';
import { buildImported, buildImportedLine, buildLine, buildOrder } from './build';
import { startHarness, until, type Harness, type Seen } from './harness';
import { reservationHelpers } from './reservation-helpers';

describe('inventory-sync over Kafka: a later OrderImported refreshes an imported order', () => {
  let h: Harness;
  let reservations: Seen[];
  let stock: Seen[];
  let dead: DeadLetter[];
  let t: ReturnType<typeof reservationHelpers>;
  beforeAll(async () => {
    h = await startHarness();
    reservations = await h.collect('inventory.reservations');
    stock = await h.collect('inventory.stock');
    dead = await h.deadLetters('sales.orders');
    t = reservationHelpers(h, reservations);
  });
  afterAll(() => h?.stop());

  const applied = async (order: OrderImported, eventId = randomUUID()) => {
    await h.send('OrderImported', order, eventId);
    await until(
      async () =>
        (await h.db('inbox').where({ event_id: eventId }).first<{ event_id: string }>()) ??
        undefined,
      `OrderImported ${order.channelOrderRef}@${order.importedAt} processed`,
    );
  };
  const deadLettered = async (order: OrderImported) => {
    const eventId = await h.send('OrderImported', order);
    return until(() => dead.find((d) => d.eventId === eventId), `dead letter of ${eventId}`);
  };
  const pos = async (sku: string, wh: string) => {
    const p = await h.position(sku, wh);
    return p && [p.onHand, p.reserved, p.availableToPromise];
  };
  const orderRow = (orderId: string) =>
    h.db('orders').where('order_id', orderId).first<{ state: string; imported_at: string }>();
  const snapshot = async (orderId: string) => ({
    order: await orderRow(orderId),
    facts: (await h.verify()).orders[orderId],
    lines: await h
      .db('reservation_lines as l')
      .join('reservations as r', 'r.reservation_id', 'l.reservation_id')
      .where('r.order_id', orderId)
      .orderBy(['r.state', 'l.line_no', 'l.quantity'])
      .select('r.state', 'l.line_no', 'l.quantity'),
    ledger: await h.db('stock_ledger').count({ n: '*' }),
    outbox: await h.db('outbox').count({ n: '*' }),
  });

  /** FURN-002 5 EA and SCRW-12 3 DZ, delivered as given. */
  const lines = (d1: number, d2: number, over: Partial<ImportedLine> = {}) => [
    buildImportedLine({
      sku: 'FURN-002',
      quantity: 5,
      deliveredQuantity: d1,
      invoicedQuantity: d1,
    }),
    buildImportedLine({
      lineNo: 2,
      sku: 'SCRW-12',
      quantity: 3,
      uom: 'DZ',
      deliveredQuantity: d2,
      ...over,
    }),
  ];

  it('moves what Odoo delivered since from held to consumed, completes, ignores an older snapshot and dead-letters a decrease', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-002', wh, 10);
    await t.stocked('SCRW-12', wh, 60);
    const t0 = Date.now() - 3_600_000;
    const first = buildImported(lines(1, 0), { warehouseCode: wh, importedAt: t0 });
    const at = (importedAt: number, ls: ImportedLine[]) => ({ ...first, importedAt, lines: ls });
    const id = first.orderId;
    await applied(first);
    expect(await pos('FURN-002', wh)).toEqual([10, 4, 6]);
    expect(await pos('SCRW-12', wh)).toEqual([60, 36, 24]);

    // Odoo delivered 2 more EA and 1 DZ: reserved drops by 2 and 12, on-hand stays Odoo's.
    await applied(at(t0 + 1000, lines(3, 1)));
    expect(await pos('FURN-002', wh)).toEqual([10, 2, 8]);
    expect(await pos('SCRW-12', wh)).toEqual([60, 24, 36]);
    let report = await h.verify();
    expect(report.violations).toEqual([]);
    expect(report.orders[id]).toEqual({
      reservedByLine: { 1: 5, 2: 3 },
      backorderedByLine: {},
      releasedByLine: {},
      consumedByLine: { 1: 3, 2: 1 },
    });
    expect(await orderRow(id)).toMatchObject({ state: 'active', imported_at: String(t0 + 1000) });
    const level = await until(
      () =>
        stock.find(
          (s) =>
            s.value.warehouseCode === wh && s.value.sku === 'SCRW-12' && s.value.reserved === 24,
        ),
      'StockLevelChanged of the refresh',
    );
    expect(level.value).toMatchObject({ onHand: 60, availableToPromise: 36, cause: 'dispatch' });

    // Fully delivered (and invoiced): nothing held, completed.
    await applied(at(t0 + 2000, lines(5, 3)));
    expect(await pos('FURN-002', wh)).toEqual([10, 0, 10]);
    expect(await pos('SCRW-12', wh)).toEqual([60, 0, 60]);
    report = await h.verify();
    expect(report.violations).toEqual([]);
    expect(report.orders[id]).toEqual({
      reservedByLine: { 1: 5, 2: 3 },
      backorderedByLine: {},
      releasedByLine: {},
      consumedByLine: { 1: 5, 2: 3 },
    });
    expect(await orderRow(id)).toMatchObject({
      state: 'completed',
      imported_at: String(t0 + 2000),
    });
    const open = await h
      .db('reservations')
      .where({ order_id: id, state: 'open' })
      .count({ n: '*' });
    expect(open).toEqual([{ n: '0' }]);

    // Older snapshots replayed (even one that would read as a decrease), or the last one again
    // under a new event id with other lines: nothing changes.
    const before = await snapshot(id);
    await applied(first);
    await applied(at(t0 + 1000, lines(3, 1)));
    await applied(at(t0 + 2000, lines(5, 3, { quantity: 4 })));
    expect(await snapshot(id)).toEqual(before);
    expect(await pos('FURN-002', wh)).toEqual([10, 0, 10]);

    // A newer snapshot delivering less: dead-lettered with the reason, nothing changes.
    const letter = await deadLettered(at(t0 + 3000, lines(4, 3)));
    expect(letter).toMatchObject({
      key: id,
      reason: 'permanent',
      code: 'IMPORT_DELIVERY_DECREASED',
      message: `order ${id} line 1: delivered 5 was imported, the refresh has 4`,
    });
    expect(await snapshot(id)).toEqual(before);

    const flows = await h
      .db('outbox')
      .where('key', id)
      .whereIn('event_type', ['StockReserved', 'StockBackordered'])
      .count({ n: '*' });
    expect(flows).toEqual([{ n: '0' }]);
    expect(reservations.filter((s) => s.value.orderId === id)).toEqual([]);
  });

  it('dead-letters a refresh whose lines changed, and an OrderImported of a platform order, naming it', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-002', wh, 10);
    await t.stocked('SCRW-12', wh, 60);
    const imported = buildImported(lines(0, 1), {
      warehouseCode: wh,
      importedAt: Date.now() - 5000,
    });
    await applied(imported);
    const before = await snapshot(imported.orderId);
    const changed = await deadLettered({
      ...imported,
      importedAt: imported.importedAt + 1000,
      lines: lines(0, 1, { uom: 'EA', quantity: 36 }),
    });
    expect(changed).toMatchObject({
      code: 'IMPORT_LINES_CHANGED',
      message: `order ${imported.orderId} line 2: quantity was 3, the refresh has 36`,
    });
    expect(await snapshot(imported.orderId)).toEqual(before);
    expect(await pos('SCRW-12', wh)).toEqual([60, 24, 36]);

    const platform = buildOrder([buildLine({ sku: 'FURN-002', quantity: 2 })], {
      warehouseCode: wh,
    });
    await t.accept(platform);
    expect(await pos('FURN-002', wh)).toEqual([10, 7, 3]);
    const refused = await deadLettered(
      buildImported([buildImportedLine({ sku: 'FURN-002', quantity: 2, deliveredQuantity: 2 })], {
        orderId: platform.orderId,
        warehouseCode: wh,
      }),
    );
    expect(refused).toMatchObject({
      key: platform.orderId,
      code: 'NOT_IMPORTED',
      message: `order ${platform.orderId} was accepted through the platform, not imported: OrderImported refused`,
    });
    expect(await pos('FURN-002', wh)).toEqual([10, 7, 3]);
    expect((await h.verify()).orders[platform.orderId]).toMatchObject({
      reservedByLine: { 1: 2 },
      consumedByLine: {},
    });
  });
});
