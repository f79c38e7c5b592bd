import type { UUID } from 'node:crypto';
import type { InvoiceIssued, OrderImported } from '@o2c/contracts';
import type { OrderFacts, Violation } from '../src/adapters/db/verify-queries';
import type { ReportImportedInvoice } from '../src/domain';
import { buildDispatched, buildOrderAccepted, buildPayment } from './events';
import { reconciliationOf, startHarness, until } from './harness';
import type { Harness, Seen } from './harness';
import { buildImportedInvoice, buildOrderImported } from './import-events';

interface Verify {
  violations: Violation[];
  orders: Record<string, OrderFacts>;
}

describe('invoicing importing orders from Odoo (OrderImported)', () => {
  let h: Harness;
  let billing: Seen[];
  const verify = async () => (await h.get('/admin/verify')).body as unknown as Verify;
  const processed = (eventId: string) =>
    until(
      async () => ((await h.db('inbox').where({ event_id: eventId }).first()) ? true : undefined),
      `event ${eventId} processed`,
    );
  const eventIds = new Map<string, UUID>();
  const imported = async (order: OrderImported) => {
    const eventId = await h.send('OrderImported', order);
    eventIds.set(order.orderId, eventId);
    await processed(eventId);
  };

  // open: nothing delivered or invoiced
  const open = buildOrderImported([
    [0, 0],
    [0, 0],
  ]);
  // delivered and invoiced in full: one invoice of 480.00 + 27.50 net, 21 % tax
  const fullInvoice = buildImportedInvoice(61_405);
  const completed = buildOrderImported(
    [
      [4, 4],
      [1.5, 1.5],
    ],
    [fullInvoice],
  );
  // 3 chairs delivered and invoiced, the rest open
  const partInvoice = buildImportedInvoice(43_560);
  const partial = buildOrderImported(
    [
      [3, 3],
      [0, 0],
    ],
    [partInvoice],
  );
  // delivered in full, nothing invoiced yet
  const notInvoiced = buildOrderImported([
    [4, 0],
    [1.5, 0],
  ]);
  const all = [open, completed, partial, notInvoiced];
  const ids = all.map((o) => o.orderId);

  beforeAll(async () => {
    h = await startHarness();
    billing = await h.collect(`${h.prefix}billing.invoices`);
    for (const order of all) await imported(order);
  });
  afterAll(() => h?.stop());

  const empty = { creditedByLine: {}, creditNotes: 0, creditedMinor: 0, currency: 'EUR' };

  it('reports what Odoo invoiced in /admin/verify, with no violation', async () => {
    const v = await verify();
    expect(v.orders[open.orderId]).toEqual({
      ...empty,
      invoicedByLine: {},
      invoices: 0,
      invoicedMinor: 0,
      paidMinor: 0,
    });
    expect(v.orders[completed.orderId]).toEqual({
      ...empty,
      invoicedByLine: { '1': 4, '2': 1.5 },
      invoices: 1,
      invoicedMinor: 61_405,
      paidMinor: 0,
    });
    expect(v.orders[partial.orderId]).toEqual({
      ...empty,
      invoicedByLine: { '1': 3 },
      invoices: 1,
      invoicedMinor: 43_560,
      paidMinor: 0,
    });
    expect(v.orders[notInvoiced.orderId]).toEqual({
      ...empty,
      invoicedByLine: {},
      invoices: 0,
      invoicedMinor: 0,
      paidMinor: 0,
    });
    expect(v.violations).toEqual([]);
  });

  it('keeps the lines and prices, as for an accepted order', async () => {
    const lines = await h
      .db('order_lines')
      .where({ order_id: partial.orderId })
      .orderBy('line_no')
      .select<
        Array<{
          line_no: number;
          sku: string;
          quantity: number;
          uom: string;
          unit_price_minor: string;
        }>
      >();
    expect(
      lines.map((l) => [l.line_no, l.sku, l.quantity, l.uom, Number(l.unit_price_minor)]),
    ).toEqual([
      [1, 'FURN-001', 4, 'EA', 12_000],
      [2, 'COFF-1KG', 1.5, 'KG', 1_833],
    ]);
    const r = await reconciliationOf(h, partial.orderId);
    expect(r.lines.map((l) => [l.lineNo, l.ordered, l.shipped, l.invoiced])).toEqual([
      [1, 4, 3, 3],
      [2, 1.5, 0, 0],
    ]);
    expect(r.totals.invoicedMinor).toBe(43_560);
    expect(r.mismatches).toEqual([]);
    expect((await reconciliationOf(h, notInvoiced.orderId)).mismatches).toEqual([]);
  });

  it('issues nothing: no invoice, no outbox row, nothing on billing.invoices', async () => {
    // a control order invoiced through the same consumer and topic
    const control = buildOrderAccepted();
    await h.send('OrderAccepted', control);
    await h.send('ShipmentDispatched', buildDispatched(control.orderId, [[1, 'FURN-001', 4]]));
    await until(
      () =>
        billing.find((m) => (m.value as InvoiceIssued).orderId === control.orderId)
          ? true
          : undefined,
      'the control order invoiced',
    );
    expect(await h.db('invoices').whereIn('order_id', ids)).toEqual([]);
    expect(await h.db('outbox').whereIn('key', ids)).toEqual([]);
    expect(billing.filter((m) => ids.includes((m.value as { orderId: string }).orderId))).toEqual(
      [],
    );
  });

  it('records a later shipment of an imported order without invoicing or flagging it', async () => {
    const rest = buildDispatched(partial.orderId, [[1, 'FURN-001', 1]]);
    await processed(await h.send('ShipmentDispatched', rest));
    expect(await h.db('shipments').where({ shipment_id: rest.shipmentId })).toHaveLength(1);
    expect(await h.db('invoices').where({ order_id: partial.orderId })).toEqual([]);
    expect(await h.db('outbox').where({ key: partial.orderId })).toEqual([]);
    const v = await verify();
    expect(v.violations).toEqual([]);
    expect(v.orders[partial.orderId]!.invoices).toBe(1);
  });

  it('matches a payment of an imported invoice by its Odoo name, under the imported order', async () => {
    // odoo-adapter quotes the invoice's name and takes the order from client_order_ref
    const payment = buildPayment(completed.odooClientOrderRef!, fullInvoice.name, 61_405);
    await processed(await h.send('PaymentReceived', payment));
    const stored = await h
      .db('payments')
      .where({ odoo_payment_id: payment.odooPaymentId })
      .first<{ order_id: string } | undefined>();
    expect(stored?.order_id).toBe(completed.orderId);
    expect((await verify()).orders[completed.orderId]!.paidMinor).toBe(61_405);
    const r = await reconciliationOf(h, completed.orderId);
    const invoices = (r as unknown as { importedInvoices: ReportImportedInvoice[] })
      .importedInvoices;
    expect(invoices).toEqual([
      expect.objectContaining({ name: fullInvoice.name, paidMinor: 61_405, status: 'PAID' }),
    ]);
    expect(r.mismatches).toEqual([]);
  });

  it('changes nothing on a duplicate: redelivery, or the same sale order under another id', async () => {
    const before = await verify();
    const tables = async () =>
      Promise.all(
        [
          'orders',
          'order_lines',
          'imported_orders',
          'imported_order_lines',
          'imported_invoices',
        ].map(async (t) => Number((await h.db(t).count<[{ n: string }]>({ n: '*' }))[0]!.n)),
      );
    const counts = await tables();
    const changed = buildOrderImported(
      [
        [4, 4],
        [1.5, 1.5],
      ],
      [buildImportedInvoice(99_999)],
    );
    // the same event again (a redelivery), then the same sale order under another order id
    // (were order-intake's dedup to miss it) behind it
    await h.send('OrderImported', partial, eventIds.get(partial.orderId));
    const again = { ...changed, channelOrderRef: open.channelOrderRef };
    await processed(await h.send('OrderImported', again));
    expect(await tables()).toEqual(counts);
    const after = await verify();
    expect(after.orders[again.orderId]).toBeUndefined();
    for (const id of ids) expect(after.orders[id]).toEqual(before.orders[id]);
    expect(after.violations).toEqual([]);
  });
});
