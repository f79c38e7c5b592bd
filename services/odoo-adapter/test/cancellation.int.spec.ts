import { buildOrderAccepted, buildShipment } from './events';
import { startHarness, type Harness } from './harness';
import { FURN_001, syncedActions, until, untilAction, reserved, cancellation } from './sim-probes';

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
