import { waitFor } from '@o2c/testing';
import { buildCreditNote, buildInvoice, buildOrderAccepted, buildShipment } from './events';
import { postedMove, startHarness, type Harness } from './harness';

const syncedActions = async (h: Harness, orderId: string) =>
  (await h.db('odoo_sync_log').where({ order_id: orderId }).orderBy('synced_at')).map(
    (r: { action: string }) => r.action,
  );

const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, what });

describe.each(['16', '17', '18', '19'])('odoo-adapter outbound against Odoo %s', (version) => {
  let h: Harness;
  const order = buildOrderAccepted();
  const invoice = buildInvoice(order.orderId, []);
  beforeAll(async () => {
    h = await startHarness(version);
  });
  afterAll(() => h?.stop());

  it('creates and confirms exactly one sale order, even when the create times out after committing and the event arrives twice', async () => {
    await h.control('POST', 'faults', {
      kind: 'timeout_after_commit',
      model: 'sale.order',
      method: 'create',
      count: 1,
    });
    await h.publish('OrderAccepted', order, order.orderId);
    await h.publish('OrderAccepted', order, order.orderId);
    const actions = await until(async () => {
      const a = await syncedActions(h, order.orderId);
      return a.length === 2 ? a : undefined;
    }, 'both deliveries handled');
    expect(actions).toEqual(['confirmed', 'already-synced']);
    const sos = await h.odoo.searchRead('sale.order', [['client_order_ref', '=', order.orderId]], {
      fields: ['state', 'picking_ids'],
    });
    expect(sos).toHaveLength(1);
    expect(sos[0]?.state).toBe('sale');
    expect((sos[0]?.picking_ids as number[]).length).toBe(1);
  });

  it('validates the delivery for the shipped quantities and backorders the rest, then ships the backorder', async () => {
    const first = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
      false,
    );
    await h.publish('ShipmentDispatched', first, order.orderId);
    await until(
      async () =>
        (await syncedActions(h, order.orderId)).includes('validated+backorder') ? true : undefined,
      'first shipment',
    );
    const pickings = await h.odoo.searchRead(
      'stock.picking',
      [
        ['origin', '!=', false],
        ['sale_id.client_order_ref', '=', order.orderId],
      ],
      {
        fields: ['state', 'backorder_id', 'carrier_tracking_ref'],
        order: 'id asc',
      },
    );
    expect(pickings.map((p) => p.state)).toEqual([
      'done',
      expect.not.stringMatching(/^(done|cancel)$/) as unknown,
    ]);
    expect(pickings[0]?.carrier_tracking_ref).toBe(first.trackingNumber);
    expect(pickings[1]?.backorder_id).toEqual([pickings[0]?.id, expect.any(String) as unknown]);

    const rest = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    await h.publish('ShipmentDispatched', rest, order.orderId);
    await until(
      async () =>
        (await syncedActions(h, order.orderId)).includes('validated') ? true : undefined,
      'last shipment',
    );
    const after = await h.odoo.searchRead(
      'sale.order',
      [['client_order_ref', '=', order.orderId]],
      { fields: ['picking_ids'] },
    );
    const states = await h.odoo.read('stock.picking', after[0]?.picking_ids as number[], ['state']);
    expect(states.map((p) => p.state)).toEqual(['done', 'done']);
  });

  it('invoices the delivered quantities and posts the invoice once, tagged with our invoice id', async () => {
    await h.publish('InvoiceIssued', invoice, order.orderId);
    await h.publish('InvoiceIssued', invoice, order.orderId);
    await until(
      async () =>
        (await syncedActions(h, order.orderId)).includes('already-posted') ? true : undefined,
      'invoice twice',
    );
    const moves = await h.odoo.searchRead('account.move', [['ref', '=', invoice.invoiceId]], {
      fields: ['state', 'move_type', 'amount_total'],
    });
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ state: 'posted', move_type: 'out_invoice' });
    // Both shipments are delivered in Odoo; this invoice covers only the first one's two chairs.
    expect(Number(moves[0]?.amount_total)).toBe(240);
  });

  it('invoices a later shipment on its own Odoo invoice, though the first invoice came after both deliveries', async () => {
    const rest = buildInvoice(
      order.orderId,
      [],
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 1 },
        { lineNo: 2, sku: 'FURN-002', quantity: 1 },
      ],
    );
    await h.publish('InvoiceIssued', rest, order.orderId);
    const move = await postedMove(h, rest.invoiceId, ['amount_total']);
    expect(Number(move.amount_total)).toBe(470);
    const [so] = await h.odoo.searchRead('sale.order', [['client_order_ref', '=', order.orderId]], {
      fields: ['invoice_status', 'invoice_ids'],
    });
    expect(so).toMatchObject({ invoice_status: 'invoiced' });
    expect(so?.invoice_ids).toHaveLength(2);
  });

  it('credits part of the invoice through the reversal wizard and posts the credit note once, tagged with our id', async () => {
    const note = buildCreditNote(order.orderId, invoice.invoiceId);
    await h.publish('CreditNoteIssued', note, order.orderId);
    await h.publish('CreditNoteIssued', note, order.orderId);
    await until(
      async () =>
        (await syncedActions(h, order.orderId)).includes('credit-note-already-posted')
          ? true
          : undefined,
      'credit note twice',
    );
    const [posted] = await h.odoo.searchRead('account.move', [['ref', '=', invoice.invoiceId]], {
      fields: ['name'],
    });
    const refunds = await h.odoo.searchRead('account.move', [['ref', '=', note.creditNoteId]], {
      fields: ['state', 'move_type', 'amount_total', 'reversed_entry_id', 'invoice_line_ids'],
    });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      state: 'posted',
      move_type: 'out_refund',
      amount_total: 120,
      reversed_entry_id: [posted?.id, posted?.name],
    });
    expect(refunds[0]?.invoice_line_ids).toHaveLength(1);
  });

  it('dead-letters an order with an unknown SKU with the reason, and goes on with the next order', async () => {
    const dlq = await h.collect(`sales.orders.dlq.${h.group}`);
    const bad = buildOrderAccepted({
      lines: [
        {
          lineNo: 1,
          sku: 'NOPE-404',
          quantity: 1,
          uom: 'EA',
          unitPriceMinor: 100,
          substitutionAllowed: false,
        },
      ],
    });
    const good = buildOrderAccepted();
    await h.publish('OrderAccepted', bad, bad.orderId);
    await h.publish('OrderAccepted', good, good.orderId);
    await until(
      async () => ((await syncedActions(h, good.orderId)).length ? true : undefined),
      'the good order',
    );
    const letter = await until(() => Promise.resolve(dlq[0]), 'the dead letter');
    expect(letter.headers['dlq-reason']?.toString()).toBe('permanent');
    expect(letter.headers['dlq-error-code']?.toString()).toBe('UNKNOWN_SKU');
    expect(letter.headers['dlq-error-message']?.toString()).toMatch(/NOPE-404/);
    expect(await h.odoo.searchCount('sale.order', [['client_order_ref', '=', bad.orderId]])).toBe(
      0,
    );
  });
});
