import type { OrderImported } from '@o2c/contracts';
import { DomainError, decideImport, reconcile } from '../src/domain';
import type { ImportedState } from '../src/domain';
import { buildRecord } from './build';
import { buildImportedInvoice, buildOrderImported } from './import-events';

const fresh = { orderKnown: false, imported: undefined, importedAs: undefined };

/** The DomainError `f` throws; fails when it throws nothing or something else. */
function thrown(f: () => unknown): DomainError {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('no DomainError thrown');
}

/** What invoicing holds after applying `e`. */
const stateOf = (e: OrderImported): ImportedState => ({
  channelCode: e.channelCode,
  channelOrderRef: e.channelOrderRef,
  odooSaleOrderId: e.odooSaleOrderId,
  currency: e.currency,
  importedAt: e.importedAt,
  lines: e.lines.map(({ lineNo, sku, quantity, uom, unitPriceMinor, ...q }) => ({
    lineNo,
    sku,
    quantity,
    uom,
    unitPriceMinor,
    deliveredQuantity: q.deliveredQuantity,
    invoicedQuantity: q.invoicedQuantity,
  })),
  invoices: e.invoices.map((i) => ({ ...i, orderId: e.orderId, currency: e.currency })),
});

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

  it('is a duplicate when the sale order is imported under another order id', () => {
    expect(decideImport(event, { ...fresh, importedAs: 'other' })).toEqual({
      kind: 'duplicate',
      orderId: 'other',
    });
  });

  it('refuses an import of an order accepted through the platform, naming it', () => {
    const accepted = { orderKnown: true, imported: undefined, importedAs: undefined };
    const e = thrown(() => decideImport(event, accepted));
    expect(e.code).toBe('NOT_AN_IMPORTED_ORDER');
    expect(e.message).toContain(event.orderId);
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

describe('decideImport of an order imported before (refresh)', () => {
  const first = buildImportedInvoice(43_560);
  const was = buildOrderImported(
    [
      [3, 3],
      [0, 0],
    ],
    [first],
    { importedAt: 1_000 },
  );
  const known = { orderKnown: true, imported: stateOf(was), importedAs: was.orderId };
  const second = buildImportedInvoice(20_000);
  const later = (overrides: Partial<OrderImported> = {}): OrderImported => ({
    ...was,
    lines: [
      { ...was.lines[0]!, deliveredQuantity: 4, invoicedQuantity: 4 },
      { ...was.lines[1]!, deliveredQuantity: 1.5, invoicedQuantity: 0.5 },
    ],
    invoices: [first, second],
    importedAt: 2_000,
    ...overrides,
  });
  const refused = (e: OrderImported, reason: RegExp) => {
    const error = thrown(() => decideImport(e, known));
    expect(error.code).toBe('IMPORT_REFRESH_REFUSED');
    expect(error.message).toMatch(reason);
  };

  it('replaces the quantities and adds only the new invoices', () => {
    expect(decideImport(later(), known)).toEqual({
      kind: 'refresh',
      refresh: {
        orderId: was.orderId,
        importedAt: 2_000,
        lines: [
          { lineNo: 1, deliveredQuantity: 4, invoicedQuantity: 4 },
          { lineNo: 2, deliveredQuantity: 1.5, invoicedQuantity: 0.5 },
        ],
        newInvoices: [{ ...second, orderId: was.orderId, currency: 'EUR' }],
      },
    });
  });

  it('ignores a snapshot not newer than the last applied, whatever it holds', () => {
    for (const importedAt of [1_000, 999])
      expect(decideImport(later({ importedAt, invoices: [] }), known)).toEqual({
        kind: 'stale',
        orderId: was.orderId,
        appliedAt: 1_000,
      });
  });

  it('refuses a quantity going down', () => {
    const lines = [{ ...was.lines[0]!, invoicedQuantity: 2 }, was.lines[1]!];
    refused(
      later({ lines, invoices: [first] }),
      /line 1 \(FURN-001\) invoicedQuantity down from 3 to 2/,
    );
    const delivered = [{ ...was.lines[0]!, deliveredQuantity: 2.5 }, was.lines[1]!];
    refused(
      later({ lines: delivered }),
      /line 1 \(FURN-001\) deliveredQuantity down from 3 to 2.5/,
    );
  });

  it('refuses an invoice that vanished or changed', () => {
    refused(later({ invoices: [second] }), new RegExp(`invoice ${first.name} .* is gone`));
    refused(
      later({ invoices: [{ ...first, totalMinor: 1 }, second] }),
      new RegExp(`invoice ${first.odooInvoiceId} is now`),
    );
  });

  it('refuses changed lines or another sale order', () => {
    const l = later().lines;
    refused(later({ lines: [l[0]!] }), /lines 1, imported with lines 1, 2/);
    refused(
      later({ lines: [{ ...l[0]!, sku: 'X' }, l[1]!] }),
      /line 1 sku X, imported as FURN-001/,
    );
    refused(later({ lines: [{ ...l[0]!, quantity: 5 }, l[1]!] }), /line 1 quantity 5/);
    refused(later({ lines: [l[0]!, { ...l[1]!, uom: 'G' }] }), /line 2 uom G/);
    refused(later({ lines: [{ ...l[0]!, unitPriceMinor: 1 }, l[1]!] }), /line 1 unitPriceMinor 1/);
    refused(later({ channelOrderRef: 'S-OTHER' }), /sale order odoo-import\/S-OTHER/);
    refused(later({ currency: 'USD' }), /currency USD/);
  });
});
