import { buildInvoice, buildOrderAccepted, buildShipment } from './events';
import { startHarness, type Harness } from './harness';

import { FURN_001, FURN_002, FURN_001_B, syncedActions, untilAction, onHand } from './sim-probes';

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

  it('substitutes across two shipments with one substitute line, raised by the second, every line keeping our price', async () => {
    // Our prices differ from Odoo's list prices (120, 350, and 99 for the substitute): Odoo
    // reprices a line whose quantity is written without price_unit.
    const base = buildOrderAccepted();
    const order = buildOrderAccepted({
      lines: base.lines.map((l) => ({ ...l, unitPriceMinor: l.unitPriceMinor - 1_200 })),
    });
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
      {
        fields: ['product_id', 'product_uom_qty', 'qty_delivered', 'price_unit'],
        order: 'id asc',
      },
    );
    expect(
      lines.map((l) => [
        (l.product_id as [number, string])[0],
        l.product_uom_qty,
        l.qty_delivered,
        l.price_unit,
      ]),
    ).toEqual([
      [FURN_001, 1, 1, 108],
      [FURN_002, 1, 1, 338],
      [FURN_001_B, 2, 2, 108],
    ]);
    const pickings = await h.odoo.searchRead(
      'stock.picking',
      [['sale_id.client_order_ref', '=', order.orderId]],
      { fields: ['state'] },
    );
    expect(pickings.map((p) => p.state)).toEqual(['done', 'done']);
  });
});
