import type { OrderCancelled } from '@o2c/contracts';
import { waitFor } from '@o2c/testing';
import { buildInvoice, buildOrderAccepted, buildShipment } from './events';
import { startHarness, type Harness } from './harness';

const FURN_001 = 1;
const FURN_002 = 2;
const FURN_001_B = 5;
const WH_STOCK = 8;

const syncedActions = async (h: Harness, orderId: string) =>
  (await h.db('odoo_sync_log').where({ order_id: orderId }).orderBy('synced_at')).map(
    (r: { action: string }) => r.action,
  );

const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, what });

const untilAction = (h: Harness, orderId: string, action: string) =>
  until(
    async () => ((await syncedActions(h, orderId)).includes(action) ? true : undefined),
    action,
  );

const onHand = async (h: Harness, productId: number) => {
  const quants = await h.odoo.searchRead(
    'stock.quant',
    [
      ['product_id', '=', productId],
      ['location_id', '=', WH_STOCK],
    ],
    { fields: ['quantity'] },
  );
  return quants.reduce((sum, q) => sum + Number(q.quantity), 0);
};

const reserved = async (h: Harness, productId: number) => {
  const quants = await h.odoo.searchRead('stock.quant', [['product_id', '=', productId]], {
    fields: ['reserved_quantity'],
  });
  return quants.reduce((sum, q) => sum + Number(q.reserved_quantity), 0);
};

const cancellation = (orderId: string): OrderCancelled => ({
  orderId,
  reasonCode: 'CUSTOMER_REQUEST',
  reasonText: null,
  cancelledBy: 'customer',
  cancelledAt: Date.now(),
});

describe.each(['16', '19'])('substituted shipment against Odoo %s', (version) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(version);
  });
  afterAll(() => h?.stop());

  it('amends the sale order once (even after a timed-out write and a duplicate delivery), validates the picking from the substitute stock and invoices both products', async () => {
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    await untilAction(h, order.orderId, 'created+confirmed');
    const before = await onHand(h, FURN_001_B);
    const chairsBefore = await onHand(h, FURN_001);

    const shipment = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' },
        { lineNo: 1, sku: 'FURN-001-B', quantity: 2, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    await h.control('POST', 'faults', {
      kind: 'timeout_after_commit',
      model: 'sale.order',
      method: 'write',
      count: 1,
    });
    await h.publish('ShipmentDispatched', shipment, order.orderId);
    await h.publish('ShipmentDispatched', shipment, order.orderId);
    await untilAction(h, order.orderId, 'already-validated');
    // The amending write timed out after committing: the retry found it done and only validated.
    expect(await syncedActions(h, order.orderId)).toEqual([
      'created+confirmed',
      'validated',
      'already-validated',
    ]);

    const lines = await h.odoo.searchRead(
      'sale.order.line',
      [['order_id.client_order_ref', '=', order.orderId]],
      { fields: ['product_id', 'product_uom_qty', 'price_unit', 'qty_delivered'], order: 'id asc' },
    );
    expect(
      lines.map((l) => [(l.product_id as [number, string])[0], l.product_uom_qty, l.price_unit]),
    ).toEqual([
      [FURN_001, 1, 120],
      [FURN_002, 1, 350],
      [FURN_001_B, 2, 120],
    ]);
    expect(lines.map((l) => l.qty_delivered)).toEqual([1, 1, 2]);
    const pickings = await h.odoo.searchRead(
      'stock.picking',
      [['sale_id.client_order_ref', '=', order.orderId]],
      { fields: ['state', 'carrier_tracking_ref'] },
    );
    expect(pickings).toEqual([
      expect.objectContaining({ state: 'done', carrier_tracking_ref: shipment.trackingNumber }),
    ]);
    expect(await onHand(h, FURN_001_B)).toBe(before - 2);
    expect(await onHand(h, FURN_001)).toBe(chairsBefore - 1);

    const invoice = buildInvoice(
      order.orderId,
      [shipment.shipmentId],
      shipment.lines.map(({ lineNo, sku, quantity }) => ({ lineNo, sku, quantity })),
    );
    await h.publish('InvoiceIssued', invoice, order.orderId);
    await untilAction(h, order.orderId, 'posted');
    const [move] = await h.odoo.searchRead('account.move', [['ref', '=', invoice.invoiceId]], {
      fields: ['state', 'invoice_line_ids', 'amount_total'],
    });
    expect(move).toMatchObject({ state: 'posted', amount_total: 710 });
    const invoiceLines = await h.odoo.read(
      'account.move.line',
      move?.invoice_line_ids as number[],
      ['product_id', 'quantity'],
    );
    expect(
      invoiceLines
        .map((l) => [(l.product_id as [number, string])[0], l.quantity])
        .sort((a, b) => Number(a[0]) - Number(b[0])),
    ).toEqual([
      [FURN_001, 1],
      [FURN_002, 1],
      [FURN_001_B, 2],
    ]);
  });

  it('substitutes across two shipments with one substitute line, raised by the second', async () => {
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    const first = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001-B', quantity: 1, uom: 'EA' }],
      false,
    );
    await h.publish('ShipmentDispatched', first, order.orderId);
    await untilAction(h, order.orderId, 'substituted+validated+backorder');
    const second = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' },
        { lineNo: 1, sku: 'FURN-001-B', quantity: 1, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    await h.publish('ShipmentDispatched', second, order.orderId);
    await untilAction(h, order.orderId, 'substituted+validated');
    const lines = await h.odoo.searchRead(
      'sale.order.line',
      [['order_id.client_order_ref', '=', order.orderId]],
      { fields: ['product_id', 'product_uom_qty', 'qty_delivered'], order: 'id asc' },
    );
    expect(
      lines.map((l) => [(l.product_id as [number, string])[0], l.product_uom_qty, l.qty_delivered]),
    ).toEqual([
      [FURN_001, 1, 1],
      [FURN_002, 1, 1],
      [FURN_001_B, 2, 2],
    ]);
    const pickings = await h.odoo.searchRead(
      'stock.picking',
      [['sale_id.client_order_ref', '=', order.orderId]],
      { fields: ['state'] },
    );
    expect(pickings.map((p) => p.state)).toEqual(['done', 'done']);
  });
});

describe('cancelled orders against Odoo 17', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('17');
  });
  afterAll(() => h?.stop());

  it('cancels the sale order and its open delivery (releasing the reservation) once, even when the cancellation arrives twice', async () => {
    const order = buildOrderAccepted();
    const before = await reserved(h, FURN_001);
    await h.publish('OrderAccepted', order, order.orderId);
    await untilAction(h, order.orderId, 'created+confirmed');
    expect(await reserved(h, FURN_001)).toBe(before + 3);
    await h.publish('OrderCancelled', cancellation(order.orderId), order.orderId);
    await h.publish('OrderCancelled', cancellation(order.orderId), order.orderId);
    await untilAction(h, order.orderId, 'already-cancelled');
    expect(await syncedActions(h, order.orderId)).toEqual([
      'created+confirmed',
      'cancelled',
      'already-cancelled',
    ]);
    const [so] = await h.odoo.searchRead('sale.order', [['client_order_ref', '=', order.orderId]], {
      fields: ['state', 'picking_ids'],
    });
    expect(so?.state).toBe('cancel');
    const pickings = await h.odoo.read('stock.picking', so?.picking_ids as number[], ['state']);
    expect(pickings.map((p) => p.state)).toEqual(['cancel']);
    const moves = await h.odoo.searchRead(
      'stock.move',
      [['picking_id', 'in', so?.picking_ids as number[]]],
      { fields: ['state'] },
    );
    expect(moves.every((m) => m.state === 'cancel')).toBe(true);
    expect(await reserved(h, FURN_001)).toBe(before);
  });

  it('retries a cancellation whose sale order is not in Odoo yet, and cancels it once it is there', async () => {
    const orderId = `ord-late-${Date.now()}`;
    await h.publish('OrderCancelled', cancellation(orderId), orderId);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await syncedActions(h, orderId)).toEqual([]);
    const so = await h.odoo.create('sale.order', {
      partner_id: 5,
      client_order_ref: orderId,
      order_line: [[0, 0, { product_id: FURN_002, product_uom_qty: 1 }]],
    });
    await h.odoo.call('sale.order', 'action_confirm', { ids: [so] });
    await untilAction(h, orderId, 'cancelled');
    const [after] = await h.odoo.read('sale.order', [so], ['state']);
    expect(after?.state).toBe('cancel');
  });

  it('after a partial delivery, cancels only the open backorder (releasing its reservation) and keeps the order for invoicing', async () => {
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    const first = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
      false,
    );
    await h.publish('ShipmentDispatched', first, order.orderId);
    await untilAction(h, order.orderId, 'validated+backorder');
    const before = await reserved(h, FURN_001);
    await h.publish('OrderCancelled', cancellation(order.orderId), order.orderId);
    await h.publish('OrderCancelled', cancellation(order.orderId), order.orderId);
    await untilAction(h, order.orderId, 'remainder-already-cancelled');
    expect(await syncedActions(h, order.orderId)).toEqual([
      'created+confirmed',
      'validated+backorder',
      'remainder-cancelled',
      'remainder-already-cancelled',
    ]);
    expect(await reserved(h, FURN_001)).toBe(before - 1);
    const [so] = await h.odoo.searchRead('sale.order', [['client_order_ref', '=', order.orderId]], {
      fields: ['state', 'picking_ids', 'invoice_status'],
    });
    expect(so).toMatchObject({ state: 'sale', invoice_status: 'to invoice' });
    const pickings = await h.odoo.read('stock.picking', so?.picking_ids as number[], ['state']);
    expect(pickings.map((p) => p.state).sort()).toEqual(['cancel', 'done']);
  });

  it('dead-letters the cancellation of an order already fully delivered in Odoo, with the reason', async () => {
    const dlq = await h.collect(`sales.orders.dlq.${h.group}`);
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
    await untilAction(h, order.orderId, 'validated');
    await h.publish('OrderCancelled', cancellation(order.orderId), order.orderId);
    const letter = await until(() => Promise.resolve(dlq[0]), 'the dead letter');
    expect(letter.headers['dlq-error-code']?.toString()).toBe('ORDER_ALREADY_DELIVERED');
    expect(letter.headers['dlq-error-message']?.toString()).toMatch(/fully delivered/);
    const [so] = await h.odoo.searchRead('sale.order', [['client_order_ref', '=', order.orderId]], {
      fields: ['state'],
    });
    expect(so?.state).toBe('sale');
  });
});
