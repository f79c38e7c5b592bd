import { randomUUID } from 'node:crypto';
import { customerChanged, productChanged } from '@o2c/testing';
import type { ImportCandidate } from '../src/domain/order';
import { buildImportCandidate, buildOrderBody } from './build';
import { startHarness, type Harness, type Seen } from './harness';
import { IMPORT_API_KEYS, importKit, type ImportResult as Result } from './import-kit';

describe('POST /admin/imports/orders when bootstrap runs again (refresh)', () => {
  let h: Harness;
  let salesOrders: Seen[];
  let orderId = '';
  const { post, importedOf, outboxRows, fence } = importKit(
    () => h,
    () => salesOrders,
  );
  const good = buildImportCandidate({ customerId: 'REF-CUST' });
  good.lines = [{ ...good.lines[0]!, sku: 'REF-LAMP' }, good.lines[1]!];

  beforeAll(async () => {
    h = await startHarness({ API_KEYS: IMPORT_API_KEYS });
    salesOrders = await h.collect(`${h.prefix}sales.orders`);
    await h.masterData([customerChanged('REF-CUST'), productChanged('REF-LAMP', { uom: 'EA' })]);
    const { body } = await post([good]);
    const [result] = body.results as Result[];
    expect(result?.outcome).toBe('imported');
    orderId = result!.orderId!;
  });
  afterAll(() => h?.stop());

  type Published = ImportCandidate & { orderId: string; importedAt: number };
  const published = (ref: string) => importedOf(ref).map((m) => m.value as Published);
  const stateOf = (id: string) =>
    h
      .db('orders')
      .where({ order_id: id })
      .first<{ imported_state: Published | null; status: string; updated_at: Date }>();
  const expectOnly = (
    results: unknown,
    outcome: string,
    id: string | null,
    reasons: unknown[] = [],
  ) =>
    expect(results).toEqual([
      {
        channelOrderRef: good.channelOrderRef,
        odooSaleOrderId: good.odooSaleOrderId,
        outcome,
        orderId: id,
        reasons,
      },
    ]);
  // Odoo delivered the rest of line 1, invoiced one more and posted a second invoice.
  const moved: ImportCandidate = {
    ...good,
    lines: [{ ...good.lines[0]!, deliveredQuantity: 4, invoicedQuantity: 3 }, good.lines[1]!],
    deliveries: 2,
    invoices: [
      ...good.invoices,
      { odooInvoiceId: 902, name: 'INV/2026/00013', totalMinor: 14_520 },
    ],
  };

  it('answers duplicate for the same sale order again, writing nothing', async () => {
    const { body } = await post([good]);
    expectOnly(body.results, 'duplicate', orderId);
    expect(await outboxRows(orderId)).toHaveLength(1);
    await fence(orderId);
    expect(published(good.channelOrderRef)).toHaveLength(1);
  });

  it('publishes another OrderImported with the same orderId, the new figures and a later importedAt', async () => {
    const [first] = published(good.channelOrderRef);
    const refreshedBefore =
      (await h.metric('o2c_orders_imported_total', { outcome: 'refreshed' })) ?? 0;
    const { res, body } = await post([moved]);
    expect(res.status).toBe(200);
    expectOnly(body.results, 'refreshed', orderId);
    expect((await outboxRows(orderId)).map((r) => r.event_type)).toEqual([
      'OrderImported',
      'OrderImported',
    ]);
    expect(await h.db('orders').where({ channel_order_ref: good.channelOrderRef })).toHaveLength(1);

    await fence(orderId);
    const all = published(good.channelOrderRef);
    expect(all).toHaveLength(2);
    const second = all[1]!;
    expect(second).toEqual({ ...moved, orderId, importedAt: second.importedAt });
    expect(second.importedAt).toBeGreaterThan(first!.importedAt);
    expect(await stateOf(orderId)).toMatchObject({ status: 'imported', imported_state: second });
    expect(await h.metric('o2c_orders_imported_total', { outcome: 'refreshed' })).toBe(
      refreshedBefore + 1,
    );
    const view = await h.call('GET', `/orders/${orderId}`);
    const types = (view.body.timeline as Array<{ eventType: string }>).map((e) => e.eventType);
    expect(types.filter((t) => t === 'OrderImported')).toHaveLength(2);
  });

  it('answers duplicate for the refreshed state sent again, and writes nothing', async () => {
    const before = await stateOf(orderId);
    const { body } = await post([moved]);
    expectOnly(body.results, 'duplicate', orderId);
    expect(await outboxRows(orderId)).toHaveLength(2);
    expect(await stateOf(orderId)).toEqual(before);
    await fence(orderId);
    expect(published(good.channelOrderRef)).toHaveLength(2);
  });

  it('answers unmappable IMPORT_CONFLICT when a quantity goes down or an invoice vanishes', async () => {
    const before = await stateOf(orderId);
    const outboxBefore = (await h.db('outbox').select('id')).length;
    const decreasing: ImportCandidate = {
      ...moved,
      lines: [{ ...moved.lines[0]!, deliveredQuantity: 3 }, moved.lines[1]!],
      invoices: [moved.invoices[1]!],
    };
    const { body } = await post([decreasing]);
    expectOnly(body.results, 'unmappable', null, [
      {
        code: 'IMPORT_CONFLICT',
        message: 'line 1: deliveredQuantity went down from 4 to 3',
        lineNo: 1,
      },
      {
        code: 'IMPORT_CONFLICT',
        message: 'invoice 901 (INV/2026/00012) was imported and is gone',
      },
    ] as never);
    expect((await h.db('outbox').select('id')).length).toBe(outboxBefore);
    expect(await stateOf(orderId)).toEqual(before);
  });

  it('skips a refresh-only sale order nobody imported, writing nothing', async () => {
    const closed = {
      ...buildImportCandidate({ customerId: 'NOT-EVEN-KNOWN' }),
      refreshOnly: true,
    };
    const outboxBefore = (await h.db('outbox').select('id')).length;
    const { res, body } = await post([closed]);
    expect(res.status).toBe(200);
    expect(body.results).toEqual([
      {
        channelOrderRef: closed.channelOrderRef,
        odooSaleOrderId: closed.odooSaleOrderId,
        outcome: 'skipped',
        orderId: null,
        reasons: [],
      },
    ]);
    expect(await h.db('orders').where({ channel_order_ref: closed.channelOrderRef })).toEqual([]);
    expect((await h.db('outbox').select('id')).length).toBe(outboxBefore);
    expect(await h.metric('o2c_orders_imported_total', { outcome: 'skipped' })).toBe(1);
  });

  it('refreshes a refresh-only imported order that moved on (closed in Odoo: all delivered and invoiced)', async () => {
    const closed: ImportCandidate = {
      ...moved,
      lines: moved.lines.map((l) => ({
        ...l,
        deliveredQuantity: l.quantity,
        invoicedQuantity: l.quantity,
      })),
      deliveries: 3,
      invoices: [
        ...moved.invoices,
        { odooInvoiceId: 903, name: 'INV/2026/00014', totalMinor: 5_445 },
      ],
    };
    const { body } = await post([{ ...closed, refreshOnly: true }]);
    expectOnly(body.results, 'refreshed', orderId);
    await fence(orderId);
    const all = published(good.channelOrderRef);
    expect(all).toHaveLength(3);
    expect(all[2]).toEqual({ ...closed, orderId, importedAt: all[2]!.importedAt });
    expect(all[2]!.importedAt).toBeGreaterThan(all[1]!.importedAt);
    expect((await stateOf(orderId))?.imported_state).toEqual(all[2]);
  });

  it('leaves a platform order of the same channel ref untouched: duplicate, refresh-only or not', async () => {
    const submitted = buildOrderBody({ channelCode: 'odoo-import' });
    const created = await h.call('POST', '/orders', submitted, {
      'Idempotency-Key': randomUUID(),
    });
    expect(created.res.status).toBe(201);
    const platformId = created.body.orderId as string;
    await fence(platformId);
    const outboxBefore = (await h.db('outbox').select('id')).length;
    const candidate = buildImportCandidate({ channelOrderRef: submitted.channelOrderRef });
    const { body } = await post([candidate, { ...candidate, refreshOnly: true }]);
    expect((body.results as Result[]).map((r) => [r.outcome, r.orderId])).toEqual([
      ['duplicate', platformId],
      ['duplicate', platformId],
    ]);
    expect((await h.db('outbox').select('id')).length).toBe(outboxBefore);
    const row = await stateOf(platformId);
    expect(row).toMatchObject({ status: 'accepted', imported_state: null });
    await fence(platformId);
    expect(importedOf(submitted.channelOrderRef)).toEqual([]);
  });
});
