import type { OdooDeliveryValidated, StockQuantChanged } from '@o2c/contracts';
import { waitFor } from '@o2c/testing';
import { buildInvoice, buildOrderAccepted, buildReturn, buildShipment } from './events';
import { postedMove, startHarness, type Harness } from './harness';

const FURN_001 = 1;
const odooMs = (d: unknown) => Date.parse(`${String(d).replace(' ', 'T')}Z`);
const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, what });

describe('deliveries and stock against Odoo 17', () => {
  let h: Harness;
  let results: Awaited<ReturnType<Harness['collect']>>;
  let stock: ReturnType<Harness['collect']>;
  beforeAll(async () => {
    h = await startHarness('17');
    results = await h.collect('odoo.sync');
    stock = h.collect('odoo.stock');
  });
  afterAll(() => h?.stop());

  it("reports a validated delivery with the validation's write date, the write date of the quants it moved", async () => {
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    const shipment = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
      false,
    );
    const dispatched = await h.publish('ShipmentDispatched', shipment, order.orderId);
    const mine = () =>
      results
        .filter((r) => r.type === 'OdooDeliveryValidated')
        .map((r) => r.value as OdooDeliveryValidated)
        .filter((v) => v.shipmentId === shipment.shipmentId);
    const [report] = await until(
      () => Promise.resolve(mine().length ? mine() : undefined),
      'OdooDeliveryValidated',
    );
    const [picking] = await h.odoo.searchRead(
      'stock.picking',
      [
        ['sale_id.client_order_ref', '=', order.orderId],
        ['state', '=', 'done'],
      ],
      { fields: ['write_date'] },
    );
    expect(report).toMatchObject({
      aggregateId: order.orderId,
      orderId: order.orderId,
      odooPickingId: String(picking?.id),
      odooWriteDate: odooMs(picking?.write_date),
    });
    const quants = await h.odoo.searchRead(
      'stock.quant',
      [
        ['product_id', '=', FURN_001],
        ['location_id.usage', '=', 'internal'],
      ],
      { fields: ['write_date'] },
    );
    expect(Math.max(...quants.map((q) => odooMs(q.write_date)))).toBe(report?.odooWriteDate);

    // Then Odoo's stock of the shipped product, read after the validation was seen: a figure of
    // the validation's second that inventory-sync can take as counting the delivery out.
    const [figure] = await until(async () => {
      const found = (await stock)
        .filter((m) => String(m.headers['causation-id']) === dispatched.eventId)
        .map((m) => m.value as StockQuantChanged);
      return found.length ? found : undefined;
    }, 'StockQuantChanged after the validation');
    expect(figure).toMatchObject({
      sku: 'FURN-001',
      warehouseCode: 'WH',
      odooWriteDate: report?.odooWriteDate,
    });
    expect(figure?.readAt).toBeGreaterThanOrEqual(report!.validatedAt);
  });

  const actions = async (orderId: string) =>
    (await h.db('odoo_sync_log').where({ order_id: orderId }).orderBy('synced_at')).map(
      (r: { action: string }) => r.action,
    );
  const returnPickings = async (orderId: string) => {
    const deliveries = await h.odoo.searchRead(
      'stock.picking',
      [
        ['sale_id.client_order_ref', '=', orderId],
        ['picking_type_code', '=', 'outgoing'],
      ],
      { fields: ['name'] },
    );
    return h.odoo.searchRead('stock.picking', [['return_id', 'in', deliveries.map((d) => d.id)]], {
      fields: ['state'],
    });
  };

  const onHand = async (productId: number) =>
    (
      await h.odoo.searchRead(
        'stock.quant',
        [
          ['product_id', '=', productId],
          ['location_id', '=', 8],
        ],
        { fields: ['quantity'] },
      )
    ).reduce((s, q) => s + Number(q.quantity), 0);

  it('receives the resaleable part of a return in Odoo once, through a return of the delivery, even after create_returns timed out and the event came twice, and refuses more than is left to return', async () => {
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    const shipment = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    await h.publish('ShipmentDispatched', shipment, order.orderId);
    await until(
      async () => ((await actions(order.orderId)).includes('validated') ? true : undefined),
      'delivery validated',
    );
    const invoice = buildInvoice(order.orderId, [shipment.shipmentId], shipment.lines);
    await h.publish('InvoiceIssued', invoice, order.orderId);
    await until(
      async () => ((await actions(order.orderId)).includes('posted') ? true : undefined),
      'invoice posted',
    );
    const before = await onHand(FURN_001);
    await h.control('POST', 'faults', {
      kind: 'timeout_after_commit',
      model: 'stock.return.picking',
      method: 'create_returns',
      count: 1,
    });
    const ret = buildReturn(shipment, [
      { lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA', condition: 'RESALEABLE' },
      { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA', condition: 'DAMAGED' },
    ]);
    await h.publish('ReturnReceived', ret, order.orderId);
    await h.publish('ReturnReceived', ret, order.orderId);
    await until(
      async () =>
        (await actions(order.orderId)).includes('return-already-validated') ? true : undefined,
      'both deliveries of the return handled',
    );
    expect(await actions(order.orderId)).toEqual([
      'created+confirmed',
      'validated',
      'posted',
      'return-validated',
      'return-already-validated',
    ]);
    const [delivery] = await h.odoo.searchRead(
      'stock.picking',
      [
        ['sale_id.client_order_ref', '=', order.orderId],
        ['picking_type_code', '=', 'outgoing'],
      ],
      { fields: ['name'] },
    );
    const returned = await h.odoo.searchRead(
      'stock.picking',
      [['return_id', '=', delivery?.id ?? 0]],
      { fields: ['state', 'picking_type_code', 'move_ids'] },
    );
    expect(returned).toEqual([
      expect.objectContaining({ state: 'done', picking_type_code: 'incoming' }),
    ]);
    expect(await onHand(FURN_001)).toBe(before + 2);
    const lines = await h.odoo.searchRead(
      'sale.order.line',
      [['order_id.client_order_ref', '=', order.orderId]],
      { fields: ['product_id', 'qty_delivered'], order: 'id asc' },
    );
    expect(lines.map((l) => l.qty_delivered)).toEqual([1, 1]);
    const [posted] = await h.odoo.searchRead('account.move', [['ref', '=', invoice.invoiceId]], {
      fields: ['state', 'invoice_line_ids'],
    });
    const invoiced = await h.odoo.read('account.move.line', posted?.invoice_line_ids as number[], [
      'quantity',
    ]);
    expect(invoiced.map((l) => l.quantity)).toEqual([3, 1]);

    // 1 of the 3 delivered chairs is left to return: 2 more is refused at once.
    const dlq = await h.collect(`fulfillment.shipments.dlq.${h.group}`);
    const tooMany = buildReturn(shipment, [
      { lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA', condition: 'RESALEABLE' },
    ]);
    await h.publish('ReturnReceived', tooMany, order.orderId);
    const letter = await until(() => Promise.resolve(dlq[0]), 'the dead letter');
    expect(letter.headers['dlq-error-code']?.toString()).toBe('RETURN_EXCEEDS_DELIVERY');
    expect(await onHand(FURN_001)).toBe(before + 2);
  });
  it("receives a return that came before its products' invoices once they are posted, without holding the shipments topic meanwhile", async () => {
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    const first = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
      false,
    );
    await h.publish('ShipmentDispatched', first, order.orderId);
    await until(
      async () => ((await actions(order.orderId)).length === 2 ? true : undefined),
      'first delivery validated',
    );
    const ret = buildReturn(first, [
      { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA', condition: 'RESALEABLE' },
    ]);
    await h.publish('ReturnReceived', ret, order.orderId);
    // Same order, same partition, after the waiting return: validated all the same.
    const last = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    await h.publish('ShipmentDispatched', last, order.orderId);
    await until(
      async () => ((await actions(order.orderId)).length === 4 ? true : undefined),
      'the return waiting and the last delivery validated',
    );
    expect(await actions(order.orderId)).toEqual([
      'created+confirmed',
      'validated+backorder',
      'return-waiting-for-invoice',
      'validated',
    ]);
    const firstInvoice = buildInvoice(order.orderId, [first.shipmentId], first.lines);
    await h.publish('InvoiceIssued', firstInvoice, order.orderId);
    // Its sync log row is written after the waiting returns were tried.
    await until(
      async () => ((await actions(order.orderId)).length === 5 ? true : undefined),
      'the first invoice handled',
    );
    // The last shipment's chair is still to invoice: the return keeps waiting.
    expect(await returnPickings(order.orderId)).toEqual([]);
    const lastInvoice = buildInvoice(order.orderId, [last.shipmentId], last.lines);
    await h.publish('InvoiceIssued', lastInvoice, order.orderId);
    await postedMove(h, lastInvoice.invoiceId, ['id']);
    const received = await until(async () => {
      const found = await returnPickings(order.orderId);
      return found.some((p) => p.state === 'done') ? found : undefined;
    }, 'the return received');
    expect(received).toEqual([expect.objectContaining({ state: 'done' })]);
    const lines = await h.odoo.searchRead(
      'sale.order.line',
      [['order_id.client_order_ref', '=', order.orderId]],
      { fields: ['qty_delivered', 'qty_invoiced'], order: 'id asc' },
    );
    expect(lines.map((l) => [l.qty_delivered, l.qty_invoiced])).toEqual([
      [2, 3],
      [1, 1],
    ]);
  });
});
