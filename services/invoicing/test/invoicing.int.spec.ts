import type { CreditNoteIssued, InvoiceIssued } from '@o2c/contracts';
import {
  buildDispatched,
  buildOrderAccepted,
  buildPayment,
  buildReserved,
  buildReturn,
} from './events';
import { header, invoicesOf, reconciliationOf, startHarness, until } from './harness';
import type { Harness, Seen } from './harness';

describe('invoicing consuming the order-to-cash flow', () => {
  let h: Harness;
  let billing: Seen[];
  beforeAll(async () => {
    h = await startHarness();
    billing = await h.collect(`${h.prefix}billing.invoices`);
  });
  afterAll(() => h?.stop());

  const issuedFor = (orderId: string) =>
    billing.filter(
      (m) => m.type === 'InvoiceIssued' && (m.value as InvoiceIssued).orderId === orderId,
    );

  it('invoices two shipments of an order separately, the quantities summing to what shipped', async () => {
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    await h.send(
      'StockReserved',
      buildReserved(order.orderId, [
        [1, 'FURN-001', 4],
        [2, 'COFF-1KG', 1.5, 'KG'],
      ]),
    );
    const first = buildDispatched(order.orderId, [
      [1, 'FURN-001', 3],
      [2, 'COFF-1KG', 1.5, 'KG'],
    ]);
    const firstEventId = await h.send('ShipmentDispatched', first);
    await h.send('ShipmentDispatched', buildDispatched(order.orderId, [[1, 'FURN-001', 1]], true));

    const invoices = await invoicesOf(h, order.orderId, 2);
    expect(invoices.map((i) => i.lines.map((l) => [l.lineNo, l.quantity]))).toEqual([
      [
        [1, 3],
        [2, 1.5],
      ],
      [[1, 1]],
    ]);
    expect(invoices.map((i) => i.totalMinor)).toEqual([36_000 + 2_750, 12_000]);
    expect(invoices[0]!.invoiceNumber).toMatch(/^INV\/\d{4}\/\d{5}$/);
    expect(new Set(invoices.map((i) => i.invoiceNumber)).size).toBe(2);

    const published = await until(
      () => (issuedFor(order.orderId).length === 2 ? issuedFor(order.orderId) : undefined),
      'InvoiceIssued x2',
    );
    const fromFirst = published.find(
      (m) => (m.value as InvoiceIssued).shipmentIds[0] === first.shipmentId,
    )!;
    expect(fromFirst.value).toMatchObject({
      invoiceId: invoices[0]!.invoiceId,
      netMinor: 38_750,
      taxMinor: 0,
      customerId: 'CUST-001',
    });
    expect(header(fromFirst.headers, 'causation-id')).toBe(firstEventId);

    const r = await reconciliationOf(h, order.orderId);
    expect(r.lines.map((l) => [l.ordered, l.reserved, l.shipped, l.invoiced])).toEqual([
      [4, 4, 4, 4],
      [1.5, 1.5, 1.5, 1.5],
    ]);
    expect(r.totals).toMatchObject({
      orderedMinor: 50_750,
      invoicedMinor: 50_750,
      outstandingMinor: 50_750,
    });
    expect(r.mismatches).toEqual([]);
  });

  it('invoices a substitute SKU at the ordered line’s price', async () => {
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    await h.send(
      'ShipmentDispatched',
      buildDispatched(order.orderId, [
        [1, 'FURN-001', 1],
        [1, 'FURN-001-B', 3],
      ]),
    );
    const [invoice] = await invoicesOf(h, order.orderId, 1);
    expect(invoice!.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.amountMinor])).toEqual(
      [
        ['FURN-001', 1, 12_000, 12_000],
        ['FURN-001-B', 3, 12_000, 36_000],
      ],
    );
    expect((await reconciliationOf(h, order.orderId)).lines[0]).toMatchObject({
      shipped: 4,
      invoiced: 4,
    });
  });

  it('invoices a shipment that arrives before its order once the order arrives', async () => {
    const order = buildOrderAccepted();
    const dispatched = await h.send(
      'ShipmentDispatched',
      buildDispatched(order.orderId, [[1, 'FURN-001', 2]]),
    );
    // Handled (parked until its order arrives), not invoiced.
    await until(
      async () =>
        (await h.db('inbox').where({ event_id: dispatched }).first()) ? true : undefined,
      'the early shipment handled',
    );
    expect((await h.get(`/orders/${order.orderId}/invoices`)).res.status).toBe(404);
    await h.send('OrderAccepted', order);
    const [invoice] = await invoicesOf(h, order.orderId, 1);
    expect(invoice!.netMinor).toBe(24_000);
    const [issued] = await until(
      () => (issuedFor(order.orderId).length ? issuedFor(order.orderId) : undefined),
      'InvoiceIssued',
    );
    expect(header(issued!.headers, 'causation-id')).toBe(dispatched);
  });

  it('credits a return that arrives before its shipment could be invoiced, once the order arrives', async () => {
    const order = buildOrderAccepted();
    const shipment = buildDispatched(order.orderId, [[1, 'FURN-001', 2]]);
    await h.send('ShipmentDispatched', shipment);
    const returned = buildReturn(order.orderId, shipment.shipmentId, [[1, 'FURN-001', 1]]);
    const returnEventId = await h.send('ReturnReceived', returned);
    await until(
      async () =>
        (await h.db('inbox').where({ event_id: returnEventId })).length ? true : undefined,
      'return handled',
    );
    expect(await h.db('credit_notes').where({ return_id: returned.returnId })).toHaveLength(0);
    await h.send('OrderAccepted', order);

    const credit = await until(
      () =>
        billing.find(
          (m) =>
            m.type === 'CreditNoteIssued' &&
            (m.value as CreditNoteIssued).returnId === returned.returnId,
        ),
      'CreditNoteIssued',
    );
    const [invoice] = await invoicesOf(h, order.orderId, 1);
    expect(credit.value).toMatchObject({ invoiceId: invoice!.invoiceId, totalMinor: 12_000 });
    expect(header(credit.headers, 'causation-id')).toBe(returnEventId);
  });

  it('issues one invoice per shipment under redelivery and a replay with a new event id', async () => {
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    const shipment = buildDispatched(order.orderId, [[1, 'FURN-001', 4]]);
    const eventId = await h.send('ShipmentDispatched', shipment);
    await h.send('ShipmentDispatched', shipment, eventId);
    const replay = await h.send('ShipmentDispatched', shipment);
    await until(
      async () => ((await h.db('inbox').where({ event_id: replay })).length ? true : undefined),
      'replay handled',
    );

    expect(await invoicesOf(h, order.orderId, 1)).toHaveLength(1);
    const rows = await h.db('outbox').where({ key: order.orderId, event_type: 'InvoiceIssued' });
    expect(rows).toHaveLength(1);
    await until(() => (issuedFor(order.orderId).length ? true : undefined), 'InvoiceIssued');
    await h.outboxPublished(order.orderId); // then the relay sends it no more
    expect(issuedFor(order.orderId)).toHaveLength(1);
  });

  it('credits a return against its shipment’s invoice and reports a payment as paid', async () => {
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    const shipment = buildDispatched(
      order.orderId,
      [
        [1, 'FURN-001', 4],
        [2, 'COFF-1KG', 1.5, 'KG'],
      ],
      true,
    );
    await h.send('ShipmentDispatched', shipment);
    const [invoice] = await invoicesOf(h, order.orderId, 1);
    const returned = buildReturn(order.orderId, shipment.shipmentId, [[1, 'FURN-001', 1]]);
    await h.send('ReturnReceived', returned);
    await h.send(
      'PaymentReceived',
      buildPayment(order.orderId, invoice!.invoiceId, 50_750 - 12_000),
    );

    const credit = await until(
      () =>
        billing.find(
          (m) =>
            m.type === 'CreditNoteIssued' &&
            (m.value as CreditNoteIssued).returnId === returned.returnId,
        ),
      'CreditNoteIssued',
    );
    expect(credit.value).toMatchObject({
      invoiceId: invoice!.invoiceId,
      reasonCode: 'RETURN',
      totalMinor: 12_000,
      lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA', amountMinor: 12_000 }],
    });
    expect((credit.value as CreditNoteIssued).creditNoteNumber).toMatch(/^RINV\/\d{4}\/\d{5}$/);
    const r = await until(async () => {
      const x = await reconciliationOf(h, order.orderId);
      return x.payments.length ? x : undefined;
    }, 'payment in the report');
    expect(r.lines[0]).toMatchObject({ shipped: 4, invoiced: 4, credited: 1 });
    expect(r.totals).toEqual({
      orderedMinor: 50_750,
      invoicedMinor: 50_750,
      creditedMinor: 12_000,
      paidMinor: 38_750,
      outstandingMinor: 0,
    });
    expect(r.invoices[0]!.status).toBe('PAID');
    expect(r.mismatches).toEqual([]);
    // What o2c-ops verify compares with Odoo's posted documents.
    const { body } = await h.get('/admin/verify');
    expect((body.orders as Record<string, unknown>)[order.orderId]).toMatchObject({
      invoices: 1,
      invoicedMinor: 50_750,
      creditNotes: 1,
      creditedMinor: 12_000,
      currency: 'EUR',
    });
  });

  it('reports a shipment of a cancelled order and a payment larger than invoiced', async () => {
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    await h.send('OrderCancelled', {
      orderId: order.orderId,
      reasonCode: 'CUSTOMER_REQUEST',
      reasonText: null,
      cancelledBy: 'customer',
      cancelledAt: Date.now(),
    });
    await h.send('ShipmentDispatched', buildDispatched(order.orderId, [[1, 'FURN-001', 1]]));
    const [invoice] = await invoicesOf(h, order.orderId, 1);
    await h.send('PaymentReceived', buildPayment(order.orderId, invoice!.invoiceId, 20_000));

    const r = await until(async () => {
      const x = await reconciliationOf(h, order.orderId);
      return x.payments.length ? x : undefined;
    }, 'payment in the report');
    expect(r.cancelled).toBe(true);
    expect(r.mismatches.map((m) => m.code)).toEqual(['SHIPPED_BUT_CANCELLED', 'PAID_GT_INVOICED']);
    expect(r.invoices[0]!.status).toBe('OVERPAID');
  });

  it('serves /admin/verify clean, with the per-order facts, and counts what it issued', async () => {
    const { body } = await h.get('/admin/verify');
    expect(body).toMatchObject({ service: 'invoicing', violations: [] });
    const orders = Object.values(
      body.orders as Record<string, { invoices: number; invoicedByLine: Record<string, number> }>,
    );
    expect(orders).toHaveLength(7);
    expect(orders.some((o) => o.invoices === 2 && o.invoicedByLine['1'] === 4)).toBe(true);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(Number(/o2c_invoices_issued_total\S* (\d+)/.exec(metrics)?.[1])).toBe(8);
    expect(Number(/o2c_credit_notes_issued_total\S* (\d+)/.exec(metrics)?.[1])).toBe(2);
    expect(metrics).toMatch(/o2c_payments_recorded_total\{[^}]*status="OVERPAID"[^}]*\} 1/);
  });

  it('refuses a return of more than was invoiced, and reports it in the order and /admin/verify', async () => {
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    const shipment = buildDispatched(order.orderId, [[1, 'FURN-001', 2]]);
    await h.send('ShipmentDispatched', shipment);
    await invoicesOf(h, order.orderId, 1);
    await h.send(
      'ReturnReceived',
      buildReturn(order.orderId, shipment.shipmentId, [[1, 'FURN-001', 3]]),
    );

    const r = await until(async () => {
      const x = await reconciliationOf(h, order.orderId);
      return x.mismatches.length ? x : undefined;
    }, 'refused return reported');
    expect(r.mismatches.map((m) => m.code)).toEqual(['RETURN_EXCEEDS_INVOICED']);
    expect(r.mismatches[0]!.message).toContain('returns 3 EA but invoice INV/');
    expect(r.totals.creditedMinor).toBe(0);
    const { body } = await h.get('/admin/verify');
    expect(body.violations).toEqual([
      expect.objectContaining({ check: 'RETURN_EXCEEDS_INVOICED', orderId: order.orderId }),
    ]);
  });
});
