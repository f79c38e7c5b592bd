import type { UUID } from 'node:crypto';
import type { OrderImported } from '@o2c/contracts';
import { eventIdOf } from '@o2c/kafka';
import type { OrderFacts, Violation } from '../src/adapters/db/verify-queries';
import type { ReportImportedInvoice } from '../src/domain';
import { buildOrderAccepted, buildPayment } from './events';
import { header, reconciliationOf, startHarness, until } from './harness';
import type { Harness, Seen } from './harness';
import { buildImportedInvoice, buildOrderImported } from './import-events';

interface Verify {
  violations: Violation[];
  orders: Record<string, OrderFacts>;
}

describe('invoicing refreshing an imported order: a later OrderImported (bootstrap run again)', () => {
  let h: Harness;
  const verify = async () => (await h.get('/admin/verify')).body as unknown as Verify;
  const processed = (eventId: UUID) =>
    until(
      async () => ((await h.db('inbox').where({ event_id: eventId }).first()) ? true : undefined),
      `event ${eventId} processed`,
    );
  const imported = async (order: OrderImported) => processed(await h.send('OrderImported', order));
  const empty = { creditedByLine: {}, creditNotes: 0, creditedMinor: 0, currency: 'EUR' };
  let dlq: Seen[] = [];
  const letterOf = (eventId: string) =>
    until(() => dlq.find((m) => eventIdOf(m.headers) === eventId), `dead letter of ${eventId}`);
  const t0 = Date.now() - 60_000;
  // 1 chair delivered and invoiced (120.00 + 21 %), the rest open
  const first = buildImportedInvoice(14_520);
  const before = buildOrderImported(
    [
      [1, 1],
      [0, 0],
    ],
    [first],
    { importedAt: t0 },
  );
  // later in Odoo: everything delivered, a second invoice bills the rest (614.05 in all)
  const second = buildImportedInvoice(61_405 - 14_520);
  const after: OrderImported = {
    ...before,
    lines: before.lines.map((l) => ({
      ...l,
      deliveredQuantity: l.quantity,
      invoicedQuantity: l.quantity,
    })),
    invoices: [first, second],
    importedAt: t0 + 10_000,
  };
  const payment = buildPayment(before.odooClientOrderRef!, first.name, 14_520);
  /** Everything invoicing holds of the imported order, row by row. */
  const state = async () => ({
    order: await h.db('imported_orders').where({ order_id: before.orderId }),
    lines: await h
      .db('imported_order_lines')
      .where({ order_id: before.orderId })
      .orderBy('line_no'),
    invoices: await h
      .db('imported_invoices')
      .where({ order_id: before.orderId })
      .orderBy('odoo_invoice_id'),
    facts: (await verify()).orders[before.orderId],
  });

  beforeAll(async () => {
    h = await startHarness();
    dlq = await h.collect(`${h.prefix}sales.orders.dlq.${h.group}`);
    await imported(before);
    await processed(await h.send('PaymentReceived', payment));
  });
  afterAll(() => h?.stop());

  it('replaces the quantities and adds the new invoice, keeping the first one’s payment', async () => {
    expect((await verify()).orders[before.orderId]).toMatchObject({
      invoicedByLine: { '1': 1 },
      invoices: 1,
      invoicedMinor: 14_520,
    });
    await imported(after);
    const v = await verify();
    expect(v.orders[before.orderId]).toEqual({
      ...empty,
      invoicedByLine: { '1': 4, '2': 1.5 },
      invoices: 2,
      invoicedMinor: 61_405,
      paidMinor: 14_520,
    });
    expect(v.violations).toEqual([]);
    const r = await reconciliationOf(h, before.orderId);
    expect(r.lines.map((l) => [l.lineNo, l.shipped, l.invoiced])).toEqual([
      [1, 4, 4],
      [2, 1.5, 1.5],
    ]);
    const invoices = (r as unknown as { importedInvoices: ReportImportedInvoice[] })
      .importedInvoices;
    expect(invoices.map((i) => [i.name, i.paidMinor, i.status])).toEqual([
      [first.name, 14_520, 'PAID'],
      [second.name, 0, 'UNPAID'],
    ]);
    expect(r.mismatches).toEqual([]);
    const row = await h
      .db('imported_orders')
      .where({ order_id: before.orderId })
      .first<{ imported_at: Date } | undefined>('imported_at');
    expect(row?.imported_at.getTime()).toBe(after.importedAt);
    // still nothing issued or published
    expect(await h.db('invoices').where({ order_id: before.orderId })).toEqual([]);
    expect(await h.db('outbox').where({ key: before.orderId })).toEqual([]);
  });

  it('changes nothing on an older snapshot replayed, or the same snapshot again', async () => {
    const was = await state();
    // older than the last applied: the first snapshot, then one with an invoice more
    const older = { ...before, importedAt: t0 + 5_000 };
    const olderMore = { ...after, invoices: [...after.invoices, buildImportedInvoice(1_000)] };
    await imported(older);
    await imported({ ...olderMore, importedAt: t0 + 5_000 });
    await imported(after);
    expect(await state()).toEqual(was);
    expect(was.facts!.invoicedMinor).toBe(61_405);
    // ignored, not refused: none of them dead-lettered
    expect(
      dlq.filter((m) => m.value && (m.value as OrderImported).orderId === before.orderId),
    ).toEqual([]);
  });

  it('dead-letters a snapshot whose invoiced quantity went down, with the reason', async () => {
    const was = await state();
    const lower: OrderImported = {
      ...after,
      lines: [{ ...after.lines[0]!, invoicedQuantity: 3 }, after.lines[1]!],
      importedAt: t0 + 20_000,
    };
    const letter = await letterOf(await h.send('OrderImported', lower));
    expect(header(letter.headers, 'dlq-error-code')).toBe('IMPORT_REFRESH_REFUSED');
    expect(header(letter.headers, 'dlq-error-message')).toMatch(
      new RegExp(`${before.orderId}.*line 1 \\(FURN-001\\) invoicedQuantity down from 4 to 3`),
    );
    expect(await state()).toEqual(was);
  });

  it('dead-letters an OrderImported of an order accepted through the platform, naming it', async () => {
    const accepted = buildOrderAccepted();
    await processed(await h.send('OrderAccepted', accepted));
    const clash = buildOrderImported(
      [
        [0, 0],
        [0, 0],
      ],
      [],
      { orderId: accepted.orderId },
    );
    const letter = await letterOf(await h.send('OrderImported', clash));
    expect(header(letter.headers, 'dlq-error-code')).toBe('NOT_AN_IMPORTED_ORDER');
    expect(header(letter.headers, 'dlq-error-message')).toContain(accepted.orderId);
    expect(await h.db('imported_orders').where({ order_id: accepted.orderId })).toEqual([]);
    expect(await h.db('imported_order_lines').where({ order_id: accepted.orderId })).toEqual([]);
  });
});
