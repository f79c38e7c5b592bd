import type { OrderAccepted } from '@o2c/contracts';
import { waitFor } from '@o2c/testing';
import { buildInvoice, buildOrderAccepted, buildShipment } from './events';
import { startHarness, type Harness } from './harness';

const FURN_001 = 1;
const FURN_001_B = 5;
const WH_STOCK = 8;

const syncedActions = async (h: Harness, orderId: string) =>
  (await h.db('odoo_sync_log').where({ order_id: orderId }).orderBy('synced_at')).map(
    (r: { action: string }) => r.action,
  );

const untilAction = (h: Harness, orderId: string, action: string) =>
  waitFor(async () => ((await syncedActions(h, orderId)).includes(action) ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 200,
    what: action,
  });

const sumOf = async (h: Harness, productId: number, field: string) =>
  (
    await h.odoo.searchRead(
      'stock.quant',
      [
        ['product_id', '=', productId],
        ['location_id', '=', WH_STOCK],
      ],
      { fields: [field] },
    )
  ).reduce((sum, q) => sum + Number(q[field]), 0);

const chairsOnly = (quantity: number): OrderAccepted =>
  buildOrderAccepted({
    lines: [
      {
        lineNo: 1,
        sku: 'FURN-001',
        quantity,
        uom: 'EA',
        unitPriceMinor: 12_000,
        substitutionAllowed: true,
      },
    ],
    totalMinor: 12_000 * quantity,
  });

const saleLines = async (h: Harness, orderId: string) =>
  (
    await h.odoo.searchRead('sale.order.line', [['order_id.client_order_ref', '=', orderId]], {
      fields: ['product_id', 'product_uom_qty', 'price_unit', 'qty_delivered'],
      order: 'id asc',
    })
  ).map((l) => [
    (l.product_id as [number, string])[0],
    l.product_uom_qty,
    l.price_unit,
    l.qty_delivered,
  ]);

const pickingStates = async (h: Harness, orderId: string) =>
  (
    await h.odoo.searchRead('stock.picking', [['sale_id.client_order_ref', '=', orderId]], {
      fields: ['state', 'carrier_tracking_ref'],
      order: 'id asc',
    })
  ).map((p) => [p.state, p.carrier_tracking_ref]);

// A line shipped entirely as its substitute: lowering the ordered line to 0 cancels its move,
// and with it a delivery left with no live move; Odoo then procures the substitute line in a new
// delivery, which is the one to validate.
describe('a line shipped entirely as its substitute (Odoo 17)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('17');
  });
  afterAll(() => h?.stop());

  it('amends the order (ordered line at 0), validates the new delivery without backorder, even after a timed-out amendment, and invoices the substitute', async () => {
    const order = chairsOnly(2);
    await h.publish('OrderAccepted', order, order.orderId);
    await untilAction(h, order.orderId, 'created+confirmed');
    const subsBefore = await sumOf(h, FURN_001_B, 'quantity');
    const chairsBefore = await sumOf(h, FURN_001, 'quantity');
    const chairsReserved = await sumOf(h, FURN_001, 'reserved_quantity');

    const shipment = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001-B', quantity: 2, uom: 'EA' }],
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
    expect(await syncedActions(h, order.orderId)).toEqual([
      'created+confirmed',
      'validated',
      'already-validated',
    ]);
    expect(await saleLines(h, order.orderId)).toEqual([
      [FURN_001, 0, 120, 0],
      [FURN_001_B, 2, 120, 2],
    ]);
    expect(await pickingStates(h, order.orderId)).toEqual([
      ['cancel', false],
      ['done', shipment.trackingNumber],
    ]);
    expect(await sumOf(h, FURN_001_B, 'quantity')).toBe(subsBefore - 2);
    expect(await sumOf(h, FURN_001, 'quantity')).toBe(chairsBefore);
    expect(await sumOf(h, FURN_001, 'reserved_quantity')).toBe(chairsReserved - 2);

    const invoice = buildInvoice(
      order.orderId,
      [shipment.shipmentId],
      [{ lineNo: 1, sku: 'FURN-001-B', quantity: 2 }],
    );
    await h.publish('InvoiceIssued', invoice, order.orderId);
    await untilAction(h, order.orderId, 'posted');
    const [move] = await h.odoo.searchRead('account.move', [['ref', '=', invoice.invoiceId]], {
      fields: ['state', 'invoice_line_ids', 'amount_total'],
    });
    expect(move).toMatchObject({ state: 'posted', amount_total: 240 });
    const invoiced = await h.odoo.read('account.move.line', move?.invoice_line_ids as number[], [
      'product_id',
      'quantity',
    ]);
    expect(invoiced.map((l) => [(l.product_id as [number, string])[0], l.quantity])).toEqual([
      [FURN_001_B, 2],
    ]);
  });

  it('ships a line as its substitute over two shipments: the second raises the substitute line and lowers the ordered one to 0, cancelling the backorder for a new delivery', async () => {
    const order = chairsOnly(2);
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
      [{ lineNo: 1, sku: 'FURN-001-B', quantity: 1, uom: 'EA' }],
      true,
    );
    await h.publish('ShipmentDispatched', second, order.orderId);
    await untilAction(h, order.orderId, 'substituted+validated');
    expect(await saleLines(h, order.orderId)).toEqual([
      [FURN_001, 0, 120, 0],
      [FURN_001_B, 2, 120, 2],
    ]);
    expect(await pickingStates(h, order.orderId)).toEqual([
      ['done', first.trackingNumber],
      ['cancel', false],
      ['done', second.trackingNumber],
    ]);
  });

  it('ships the ordered product first and the rest as the substitute: the backorder is cancelled and the substitute delivered from a new delivery', async () => {
    const order = chairsOnly(3);
    await h.publish('OrderAccepted', order, order.orderId);
    const first = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' }],
      false,
    );
    await h.publish('ShipmentDispatched', first, order.orderId);
    await untilAction(h, order.orderId, 'validated+backorder');
    const second = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001-B', quantity: 2, uom: 'EA' }],
      true,
    );
    await h.publish('ShipmentDispatched', second, order.orderId);
    await untilAction(h, order.orderId, 'substituted+validated');
    expect(await saleLines(h, order.orderId)).toEqual([
      [FURN_001, 1, 120, 1],
      [FURN_001_B, 2, 120, 2],
    ]);
    expect(await pickingStates(h, order.orderId)).toEqual([
      ['done', first.trackingNumber],
      ['cancel', false],
      ['done', second.trackingNumber],
    ]);
    const invoice = buildInvoice(
      order.orderId,
      [first.shipmentId, second.shipmentId],
      [...first.lines, ...second.lines].map(({ lineNo, sku, quantity }) => ({
        lineNo,
        sku,
        quantity,
      })),
    );
    await h.publish('InvoiceIssued', invoice, order.orderId);
    await untilAction(h, order.orderId, 'posted');
    const [move] = await h.odoo.searchRead('account.move', [['ref', '=', invoice.invoiceId]], {
      fields: ['state', 'amount_total'],
    });
    expect(move).toMatchObject({ state: 'posted', amount_total: 360 });
  });
});
