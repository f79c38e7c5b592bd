import type { OdooDeliveryValidated } from '@o2c/contracts';
import { buildLine, buildOrder } from './build';
import { buildDispatched, buildQuant, buildRequested } from './events';
import { startHarness, until, type Harness, type Seen } from './harness';
import { reservationHelpers } from './reservation-helpers';

/** Dispatches kept apart until Odoo's stock counts them out (Odoo validates deliveries later). */
describe('inventory-sync: our dispatches and Odoo lagging behind', () => {
  let h: Harness;
  let reservations: Seen[];
  let t: ReturnType<typeof reservationHelpers>;
  beforeAll(async () => {
    h = await startHarness();
    reservations = await h.collect('inventory.reservations');
    t = reservationHelpers(h, reservations);
  });
  afterAll(() => h?.stop());

  const handled = (eventId: string) =>
    until(async () => {
      const row: unknown = await h.db('inbox').where({ event_id: eventId }).first();
      return row;
    }, `event ${eventId} handled`);

  /** 10 on hand, 4 reserved and dispatched by us: 6 left. */
  async function dispatched(wh: string) {
    await t.stocked('FURN-001', wh, 10);
    const order = buildOrder([buildLine({ quantity: 4 })], { warehouseCode: wh });
    const reserved = await t.accept(order);
    const lines = [{ lineNo: 1, sku: 'FURN-001', quantity: 4, uom: 'EA' }];
    const req = buildRequested(order.orderId, String(reserved.value.reservationId), wh, lines);
    await h.send('FulfillmentRequested', req);
    await h.send('ShipmentDispatched', buildDispatched(req));
    await until(
      async () => ((await h.position('FURN-001', wh))?.onHand === 6 ? true : undefined),
      'dispatch applied',
    );
    return req;
  }

  const validated = (
    req: { orderId: string; shipmentId: string },
    odooWriteDate: number,
  ): OdooDeliveryValidated => ({
    aggregateId: req.orderId,
    orderId: req.orderId,
    shipmentId: req.shipmentId,
    odooPickingId: '42',
    odooWriteDate,
    validatedAt: Date.now(),
  });

  it('does not raise availability from an Odoo figure taken before Odoo validated the delivery', async () => {
    const wh = t.warehouse();
    const req = await dispatched(wh);
    // A later reservation in Odoo rewrote the quant: still 10 there, the delivery not validated.
    const before = buildQuant('FURN-001', wh, 10);
    await handled(await h.send('StockQuantChanged', before));
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 6, availableToPromise: 6 });

    // Validated in Odoo a moment later; the figure of the validation says 6.
    const at = before.odooWriteDate + 500;
    await handled(await h.send('OdooDeliveryValidated', validated(req, at)));
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 6 });
    await handled(
      await h.send('StockQuantChanged', buildQuant('FURN-001', wh, 6, { odooWriteDate: at })),
    );
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 6, availableToPromise: 6 });
    expect(await h.db('odoo_lagging_dispatches').where({ warehouse_code: wh })).toEqual([]);
    // No longer kept apart: Odoo's next figure is taken as it is.
    await handled(await h.send('StockQuantChanged', buildQuant('FURN-001', wh, 9)));
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 9 });
    expect((await h.verify()).violations).toEqual([]);
  });

  // Odoo sends whole seconds: a reservation rewrites a quant (still 10) in the second its delivery
  // is validated a moment later. Only when the adapter read a figure tells the two apart.
  describe('a figure written in the second of the validation', () => {
    const secondOf = () => Math.ceil(Date.now() / 1000) * 1000 + 60_000;

    it('read before the adapter saw the validation keeps the dispatch apart; one read after counts it out', async () => {
      const wh = t.warehouse();
      const req = await dispatched(wh);
      const second = secondOf();
      const seen = validated(req, second);
      await handled(await h.send('OdooDeliveryValidated', seen));
      const before = buildQuant('FURN-001', wh, 10, {
        odooWriteDate: second,
        readAt: seen.validatedAt - 1,
      });
      await handled(await h.send('StockQuantChanged', before));
      expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 6, availableToPromise: 6 });

      // The adapter reads the stock again once it has seen the validation.
      const after = { odooWriteDate: second, readAt: seen.validatedAt + 1 };
      await handled(await h.send('StockQuantChanged', buildQuant('FURN-001', wh, 6, after)));
      expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 6 });
      expect(await h.db('odoo_lagging_dispatches').where({ warehouse_code: wh })).toEqual([]);
      // The earlier read, late on the topic, is older than the figure applied: ignored.
      await handled(await h.send('StockQuantChanged', before));
      expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 6 });
      expect((await h.verify()).violations).toEqual([]);
    });

    it('read after it, arriving before the report, gives the dispatch back when the report comes', async () => {
      const wh = t.warehouse();
      const req = await dispatched(wh);
      const seen = validated(req, secondOf());
      const after = { odooWriteDate: seen.odooWriteDate, readAt: seen.validatedAt };
      await handled(await h.send('StockQuantChanged', buildQuant('FURN-001', wh, 6, after)));
      expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 2 });
      await handled(await h.send('OdooDeliveryValidated', seen));
      expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 6, availableToPromise: 6 });
      expect((await h.verify()).violations).toEqual([]);
    });
  });

  it("gives the dispatch back when Odoo's figure of the validation arrived before the adapter's report", async () => {
    const wh = t.warehouse();
    const req = await dispatched(wh);
    const after = buildQuant('FURN-001', wh, 6);
    await handled(await h.send('StockQuantChanged', after));
    // Kept apart until the adapter says the figure includes the delivery: low, never high.
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 2 });
    await handled(await h.send('OdooDeliveryValidated', validated(req, after.odooWriteDate)));
    expect(await h.position('FURN-001', wh)).toMatchObject({ onHand: 6, availableToPromise: 6 });
    expect((await h.verify()).violations).toEqual([]);
  });
});
