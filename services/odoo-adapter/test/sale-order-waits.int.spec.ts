import { sampleOf } from '@o2c/testing';
import { buildInvoice, buildOrderAccepted, buildShipment } from './events';
import { ordersWaiting } from '../src/adapters/db/sale-order-waits';
import { postedMove, startHarness, type Harness } from './harness';
import { cancellation, syncedActions, until, untilAction } from './sim-probes';

const KIND = { kind: 'event_waiting_for_sale_order' };
const waitingFigures = async (h: Harness) => {
  const text = await (await fetch(`${h.url}/metrics`)).text();
  return {
    waiting: sampleOf(text, 'o2c_odoo_events_waiting_for_sale_order'),
    open: sampleOf(text, 'o2c_exceptions_open', KIND),
  };
};
const waiting = (h: Harness, orderId: string) =>
  h
    .db('odoo_waiting_for_sale_order')
    .where({ order_id: orderId })
    .orderBy('seq')
    .select('event_type', 'reason', 'attempts') as Promise<
    Array<{ event_type: string; reason: string; attempts: number }>
  >;
const untilWaiting = (h: Harness, orderId: string, count: number) =>
  until(async () => {
    const rows = await waiting(h, orderId);
    return rows.length === count ? rows : undefined;
  }, `${count} events of ${orderId} parked`);
const deliveriesValidated = async (h: Harness, orderId: string) =>
  Number(
    (
      await h
        .db('outbox')
        .where({ event_type: 'OdooDeliveryValidated', key: orderId })
        .count({ n: '*' })
        .first()
    )?.n,
  );
const delivered = async (h: Harness, orderId: string) =>
  (
    await h.odoo.searchRead('sale.order.line', [['order_id.client_order_ref', '=', orderId]], {
      fields: ['qty_delivered'],
      order: 'id asc',
    })
  ).map((l) => Number(l.qty_delivered));
const everything = () => [
  { lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA' },
  { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
];

/**
 * Events of an order that reach the adapter before its sale order is confirmed in Odoo are
 * parked per order (acknowledged, not retried in place where they would hold their partition)
 * and resumed in arrival order once it is: right after the OrderAccepted sync, or by the sweep.
 */
describe('odoo-adapter: events waiting for their sale order', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('17', { env: { ODOO_WAITING_RETRY_MS: '300' } });
  });
  afterAll(() => h?.stop());
  afterEach(() => h.control('DELETE', 'faults'));

  it('parks a shipment and an invoice that overtook their order, then resumes them once it is synced', async () => {
    const order = buildOrderAccepted();
    const shipment = buildShipment(order.orderId, everything(), true);
    const invoice = buildInvoice(order.orderId, [shipment.shipmentId], everything());
    await h.publish('ShipmentDispatched', shipment, order.orderId);
    await untilWaiting(h, order.orderId, 1);
    await h.publish('InvoiceIssued', invoice, order.orderId);
    const parked = await untilWaiting(h, order.orderId, 2);
    expect(parked).toEqual([
      expect.objectContaining({
        event_type: 'ShipmentDispatched',
        reason: `sale order of ${order.orderId} not in Odoo yet`,
      }),
      expect.objectContaining({
        event_type: 'InvoiceIssued',
        reason: `behind 1 earlier event(s) of ${order.orderId}`,
      }),
    ]);
    // Acknowledged at once: no attempt failed, so nothing held their partitions.
    const failed = await h.db('inbox_attempts').where('last_error', 'like', `%${order.orderId}%`);
    expect(failed).toEqual([]);
    expect(await syncedActions(h, order.orderId)).toEqual([
      'waiting-for-sale-order',
      'waiting-for-sale-order',
    ]);
    expect(await waitingFigures(h)).toEqual({ waiting: 2, open: 2 });

    await h.publish('OrderAccepted', order, order.orderId);
    const move = await postedMove(h, invoice.invoiceId, ['amount_total']);
    expect(Number(move.amount_total)).toBe(710);
    await until(
      async () => ((await waiting(h, order.orderId)).length === 0 ? true : undefined),
      'parked events resumed',
    );
    expect((await syncedActions(h, order.orderId)).sort()).toEqual([
      'created+confirmed',
      'posted',
      'validated',
    ]);
    // In the OrderAccepted's own transaction (one now()), not by the sweep's later rounds.
    const times = await h.db('odoo_sync_log').where({ order_id: order.orderId }).pluck('synced_at');
    expect(new Set(times.map((t: Date) => t.getTime())).size).toBe(1);
    expect(await delivered(h, order.orderId)).toEqual([3, 1]);
    expect(await deliveriesValidated(h, order.orderId)).toBe(1);
    expect(await waitingFigures(h)).toEqual({ waiting: 0, open: 0 });
  });

  it('keeps a resumed event that Odoo failed in its place, queues the next behind it, and lands both once', async () => {
    const order = buildOrderAccepted();
    const shipment = buildShipment(order.orderId, everything(), true);
    await h.publish('ShipmentDispatched', shipment, order.orderId);
    await untilWaiting(h, order.orderId, 1);
    // Every validation fails until the fault is cleared: the resume after the sync and the
    // sweep's rounds roll the shipment back and keep it parked.
    await h.control('POST', 'faults', {
      kind: 'http_500',
      model: 'stock.picking',
      method: 'button_validate',
      count: 1000,
    });
    await h.publish('OrderAccepted', order, order.orderId);
    await untilAction(h, order.orderId, 'created+confirmed');
    const [failed] = await until(async () => {
      const rows = await waiting(h, order.orderId);
      return rows[0] && rows[0].attempts > 1 ? rows : undefined;
    }, 'the shipment tried again and failed');
    expect(failed?.reason).not.toMatch(/not in Odoo yet/);
    const invoice = buildInvoice(order.orderId, [shipment.shipmentId], everything());
    await h.publish('InvoiceIssued', invoice, order.orderId);
    const queued = await untilWaiting(h, order.orderId, 2);
    expect(queued[1]).toMatchObject({
      event_type: 'InvoiceIssued',
      reason: `behind 1 earlier event(s) of ${order.orderId}`,
    });
    expect(await delivered(h, order.orderId)).toEqual([0, 0]);

    await h.control('DELETE', 'faults');
    const move = await postedMove(h, invoice.invoiceId, ['amount_total']);
    expect(Number(move.amount_total)).toBe(710);
    await until(
      async () => ((await waiting(h, order.orderId)).length === 0 ? true : undefined),
      'parked events resumed by the sweep',
    );
    expect(await delivered(h, order.orderId)).toEqual([3, 1]);
    expect(await deliveriesValidated(h, order.orderId)).toBe(1);
    const invoices = await h.odoo.searchRead('account.move', [['ref', '=', invoice.invoiceId]], {
      fields: ['state'],
    });
    expect(invoices.map((m) => m.state)).toEqual(['posted']);
  });

  it('resumes a cancellation whose sale order someone else confirmed in Odoo', async () => {
    const orderId = `ord-by-hand-${Date.now()}`;
    await h.publish('OrderCancelled', cancellation(orderId), orderId);
    await untilWaiting(h, orderId, 1);
    const so = await h.odoo.create('sale.order', {
      partner_id: 5,
      client_order_ref: orderId,
      order_line: [[0, 0, { product_id: 2, product_uom_qty: 1 }]],
    });
    await h.odoo.call('sale.order', 'action_confirm', { ids: [so] });
    await untilAction(h, orderId, 'cancelled');
    const [after] = await h.odoo.read('sale.order', [so], ['state']);
    expect(after?.state).toBe('cancel');
    expect(await waiting(h, orderId)).toEqual([]);
  });

  it('pages the sweep through the waiting orders in arrival order, then from the start again', async () => {
    const ids = ['a', 'b', 'c'].map((n) => `ord-page-${n}-${Date.now()}`);
    for (const orderId of ids) {
      await h.publish('OrderCancelled', cancellation(orderId), orderId);
      await untilWaiting(h, orderId, 1);
    }
    const first = await ordersWaiting(h.db, 2);
    const second = await ordersWaiting(h.db, 2, first.at(-1)!.seq);
    expect([first, second].map((page) => page.map((o) => o.orderId))).toEqual([
      ids.slice(0, 2),
      ids.slice(2),
    ]);
    expect(await ordersWaiting(h.db, 2, second.at(-1)!.seq)).toEqual([]);
  });
});
