import { DomainError, decideImport, reconcile } from '../src/domain';
import { buildRecord } from './build';
import { buildImportedInvoice, buildOrderImported } from './import-events';

const fresh = { orderKnown: false, importedAs: undefined };

describe('decideImport', () => {
  const invoice = buildImportedInvoice(43_560);
  const event = buildOrderImported(
    [
      [3, 3],
      [1.5, 0],
    ],
    [invoice],
  );

  it('records the order, its lines and Odoo’s invoices as Odoo holds them', () => {
    const d = decideImport(event, fresh);
    if (d.kind !== 'record') throw new Error(d.kind);
    expect(
      d.order.lines.map((l) => [
        l.lineNo,
        l.unitPriceMinor,
        l.deliveredQuantity,
        l.invoicedQuantity,
      ]),
    ).toEqual([
      [1, 12_000, 3, 3],
      [2, 1_833, 1.5, 0],
    ]);
    expect(d.order.invoices).toEqual([{ ...invoice, orderId: event.orderId, currency: 'EUR' }]);
    expect(d.order).toMatchObject({
      channelOrderRef: event.channelOrderRef,
      customerId: 'CUST-001',
    });
  });

  it('is a duplicate when the order id or the sale order is known', () => {
    expect(decideImport(event, { orderKnown: true, importedAs: undefined })).toEqual({
      kind: 'duplicate',
      orderId: event.orderId,
    });
    expect(decideImport(event, { orderKnown: false, importedAs: 'other' })).toEqual({
      kind: 'duplicate',
      orderId: 'other',
    });
  });

  it('refuses an import that contradicts itself', () => {
    const twice = { ...event, invoices: [invoice, invoice] };
    expect(() => decideImport(twice, fresh)).toThrow(DomainError);
    const sameLine = { ...event, lines: [event.lines[0]!, event.lines[0]!] };
    expect(() => decideImport(sameLine, fresh)).toThrow(/line number twice/);
    expect(() => decideImport({ ...event, lines: [] }, fresh)).toThrow(/no line/);
  });
});

describe('reconcile of an imported order', () => {
  const invoice = { ...buildImportedInvoice(43_560), orderId: 'o', currency: 'EUR' };
  const imported = {
    lines: [
      { lineNo: 1, deliveredQuantity: 4, invoicedQuantity: 3 },
      { lineNo: 2, deliveredQuantity: 0, invoicedQuantity: 0 },
    ],
    invoices: [invoice],
  };
  const payment = {
    odooPaymentId: 'p1',
    orderId: 'o',
    invoiceId: invoice.name,
    amountMinor: 40_000,
    currency: 'EUR',
    receivedAt: 0,
  };

  it('counts what Odoo delivered and invoiced, and its invoices’ payments, without flagging it', () => {
    const r = reconcile(buildRecord({ imported, payments: [payment] }), 0);
    expect(r.lines.map((l) => [l.lineNo, l.shipped, l.invoiced])).toEqual([
      [1, 4, 3],
      [2, 0, 0],
    ]);
    expect(r.totals).toMatchObject({ invoicedMinor: 43_560, paidMinor: 40_000 });
    expect(r.importedInvoices).toEqual([
      { ...invoice, paidMinor: 40_000, outstandingMinor: 3_560, status: 'PARTIALLY_PAID' },
    ]);
    expect(r.mismatches).toEqual([]);
  });

  it('still flags a payment of an invoice the order does not have', () => {
    const r = reconcile(
      buildRecord({ imported, payments: [{ ...payment, invoiceId: 'INV/X' }] }),
      0,
    );
    expect(r.mismatches.map((m) => m.code)).toEqual(['PAYMENT_UNKNOWN_INVOICE']);
  });
});
