import type { OrderAccepted } from '@o2c/contracts';
import { buildLine, buildOrder } from './build';
import { buildQuant } from './events';
import { startHarness, until, type Harness, type Seen } from './harness';
import { reservationHelpers } from './reservation-helpers';

describe('inventory-sync over Kafka: positions and reservations', () => {
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

  it('takes Odoo quants as on-hand (base units), ignores a stale one, keeps an unknown SKU', async () => {
    const wh = t.warehouse();
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
    await t.stocked('NEW-SKU-9', wh, 3);

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
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 10);
    const order = buildOrder([buildLine({ quantity: 4 })], { warehouseCode: wh });
    const reserved = await t.accept(order);
    expect(reserved.value).toMatchObject({ partial: false, warehouseCode: wh });
    expect(t.linesOf(reserved)).toEqual([[1, 'FURN-001', 4, false]]);
    await until(
      async () => (await h.position('FURN-001', wh))?.reserved === 4 || undefined,
      'reserved 4',
    );
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 10, availableToPromise: 6 });
    await until(
      () => stock.find((s) => s.value.warehouseCode === wh && s.value.cause === 'reservation'),
      'StockLevelChanged',
    );
    expect(t.of(order.orderId, 'StockBackordered')).toEqual([]);
  });

  it('reserves part, backorders the rest, and fills the backorder when stock arrives', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-002', wh, 3);
    const order = buildOrder([buildLine({ sku: 'FURN-002', quantity: 5 })], { warehouseCode: wh });
    const first = await t.accept(order);
    expect(first.value.partial).toBe(true);
    expect(t.linesOf(first)).toEqual([[1, 'FURN-002', 3, false]]);
    const backorder = await t.nth(order.orderId, 'StockBackordered', 1);
    expect(backorder.value.lines).toEqual([
      { lineNo: 1, sku: 'FURN-002', quantity: 2, uom: 'EA', expectedAvailableAt: null },
    ]);

    await h.send('StockQuantChanged', buildQuant('FURN-002', wh, 10));
    const second = await t.nth(order.orderId, 'StockReserved', 2);
    expect(second.value.reservationId).not.toBe(first.value.reservationId);
    expect(second.value.partial).toBe(false);
    expect(t.linesOf(second)).toEqual([[1, 'FURN-002', 2, false]]);
    expect(await h.position('FURN-002', wh)).toMatchObject({ onHand: 10, reserved: 5 });
    expect((await h.verify()).orders[order.orderId]).toEqual({
      reservedByLine: { '1': 5 },
      backorderedByLine: {},
      releasedByLine: {},
      consumedByLine: {},
    });
  });

  it('reserves the substitute when the line allows it, and backorders when it does not', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 2);
    await t.stocked('FURN-001-B', wh, 5);
    const allows = buildOrder([buildLine({ quantity: 4, substitutionAllowed: true })], {
      warehouseCode: wh,
    });
    expect(t.linesOf(await t.accept(allows))).toEqual([
      [1, 'FURN-001', 2, false],
      [1, 'FURN-001-B', 2, true],
    ]);
    const refuses = buildOrder([buildLine({ quantity: 2, substitutionAllowed: false })], {
      warehouseCode: wh,
    });
    await h.send('OrderAccepted', refuses);
    const backorder = await t.nth(refuses.orderId, 'StockBackordered', 1);
    expect(backorder.value.lines).toMatchObject([{ sku: 'FURN-001', quantity: 2 }]);
    expect(t.of(refuses.orderId, 'StockReserved')).toEqual([]);
    expect(await h.position('FURN-001-B', wh)).toMatchObject({
      reserved: 2,
      availableToPromise: 3,
    });
  });

  it('never promises more than there is when orders of one SKU race across partitions', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 10);
    const orders = Array.from({ length: 20 }, () =>
      buildOrder([buildLine({ quantity: 1, substitutionAllowed: true })], { warehouseCode: wh }),
    );
    await Promise.all(orders.map((o) => h.send('OrderAccepted', o)));
    const settled = (o: OrderAccepted) =>
      t.of(o.orderId, 'StockReserved').length + t.of(o.orderId, 'StockBackordered').length;
    await until(() => orders.every((o) => settled(o) > 0) || undefined, 'all 20 decided');
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 10, reserved: 10 });
    expect(orders.filter((o) => t.of(o.orderId, 'StockBackordered').length)).toHaveLength(10);

    await h.send('StockQuantChanged', buildQuant('FURN-001', wh, 25));
    await until(
      () => orders.every((o) => t.of(o.orderId, 'StockReserved').length === 1) || undefined,
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
