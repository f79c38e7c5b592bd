import { customerChanged, productChanged } from '@o2c/testing';
import { buildImportCandidate } from './build';
import { startHarness, type Harness, type Seen } from './harness';
import { IMPORT_API_KEYS, importKit, type ImportResult as Result } from './import-kit';

describe('POST /admin/imports/orders for a sale order cancelled in Odoo', () => {
  let h: Harness;
  let salesOrders: Seen[];
  let orderId = '';
  const { post, outboxRows, fence } = importKit(
    () => h,
    () => salesOrders,
  );
  const sale = buildImportCandidate({ customerId: 'CAN-CUST' });
  sale.lines = [{ ...sale.lines[0]!, sku: 'CAN-LAMP' }, sale.lines[1]!];
  const cancelledInOdoo = { ...sale, refreshOnly: true, cancelledInOdoo: true };

  beforeAll(async () => {
    h = await startHarness({ API_KEYS: IMPORT_API_KEYS });
    salesOrders = await h.collect(`${h.prefix}sales.orders`);
    await h.masterData([customerChanged('CAN-CUST'), productChanged('CAN-LAMP', { uom: 'EA' })]);
    const { body } = await post([sale]);
    const [result] = body.results as Result[];
    expect(result?.outcome).toBe('imported');
    orderId = result!.orderId!;
  });
  afterAll(() => h?.stop());

  // The fence is an OrderCancelled of its own (TEST_FENCE): only the order's real ones count.
  const cancelledEvents = () =>
    salesOrders
      .filter((m) => m.type === 'OrderCancelled')
      .map((m) => m.value as { orderId: string; reasonCode: string })
      .filter((v) => v.orderId === orderId && v.reasonCode !== 'TEST_FENCE');
  const statusOf = async (id: string) =>
    (await h.db('orders').where({ order_id: id }).first<{ status: string }>('status'))?.status;
  const expectOnly = (results: unknown, outcome: string, id: string | null) =>
    expect(results).toEqual([
      {
        channelOrderRef: sale.channelOrderRef,
        odooSaleOrderId: sale.odooSaleOrderId,
        outcome,
        orderId: id,
        reasons: [],
      },
    ]);

  it('still refuses to cancel the imported order through the platform', async () => {
    const { res } = await h.call('POST', `/orders/${orderId}/cancel`, {});
    expect(res.status).toBe(409);
    expect(await statusOf(orderId)).toBe('imported');
  });

  it('cancels the imported order: one OrderCancelled through the outbox, status cancelled', async () => {
    const before = Date.now();
    const { res, body } = await post([cancelledInOdoo]);
    expect(res.status).toBe(200);
    expectOnly(body.results, 'cancelled', orderId);
    expect((await outboxRows(orderId)).map((r) => r.event_type)).toEqual([
      'OrderImported',
      'OrderCancelled',
    ]);
    expect(await statusOf(orderId)).toBe('cancelled');

    await fence(orderId);
    const events = cancelledEvents();
    expect(events).toEqual([
      {
        orderId,
        reasonCode: 'CHANNEL_CANCELLED',
        reasonText: `cancelled in Odoo (${sale.odooSaleOrderName})`,
        cancelledBy: 'system',
        cancelledAt: expect.any(Number) as unknown,
      },
    ]);
    const { cancelledAt } = events[0] as unknown as { cancelledAt: number };
    expect(cancelledAt).toBeGreaterThanOrEqual(before);
    expect(cancelledAt).toBeLessThanOrEqual(Date.now());

    const verify = await h.call('GET', '/admin/verify');
    expect(verify.res.status).toBe(200);
    expect((verify.body.orders as Record<string, { status: string }>)[orderId]).toMatchObject({
      status: 'cancelled',
    });
    expect(await h.metric('o2c_orders_imported_total', { outcome: 'cancelled' })).toBe(1);
  });

  it('answers duplicate for the same cancel again, with still one OrderCancelled', async () => {
    const { body } = await post([cancelledInOdoo]);
    expectOnly(body.results, 'duplicate', orderId);
    expect(await outboxRows(orderId)).toHaveLength(2);
    await fence(orderId);
    expect(cancelledEvents()).toHaveLength(1);
    expect(await statusOf(orderId)).toBe('cancelled');
  });

  it('publishes what Odoo delivered before the cancel, then OrderCancelled, in that order', async () => {
    const other = { ...buildImportCandidate({ customerId: 'CAN-CUST' }), lines: sale.lines };
    const { body } = await post([other]);
    const otherId = (body.results as Result[])[0]!.orderId!;
    const delivered = sale.lines.map((l) => ({ ...l, deliveredQuantity: l.quantity }));
    const cancel = await post([
      { ...other, lines: delivered, deliveries: 2, cancelledInOdoo: true },
    ]);
    expect((cancel.body.results as Result[]).map((r) => [r.outcome, r.orderId])).toEqual([
      ['cancelled', otherId],
    ]);
    await fence(otherId);
    const events = salesOrders
      .filter((m) => (m.value as { orderId?: string }).orderId === otherId)
      .filter((m) => (m.value as { reasonCode?: string }).reasonCode !== 'TEST_FENCE');
    expect(events.map((m) => m.type)).toEqual(['OrderImported', 'OrderImported', 'OrderCancelled']);
    expect(events[1]!.value).toMatchObject({ deliveries: 2, lines: delivered });
    const row = await h.db('orders').where({ order_id: otherId }).first<Record<string, unknown>>();
    expect(row).toMatchObject({ status: 'cancelled', imported_state: events[1]!.value });
  });

  it('skips a cancelled sale order nobody imported, writing nothing', async () => {
    const unknown = { ...buildImportCandidate(), cancelledInOdoo: true };
    const outboxBefore = (await h.db('outbox').select('id')).length;
    const { body } = await post([unknown]);
    expect(body.results).toEqual([
      {
        channelOrderRef: unknown.channelOrderRef,
        odooSaleOrderId: unknown.odooSaleOrderId,
        outcome: 'skipped',
        orderId: null,
        reasons: [],
      },
    ]);
    expect(await h.db('orders').where({ channel_order_ref: unknown.channelOrderRef })).toEqual([]);
    expect((await h.db('outbox').select('id')).length).toBe(outboxBefore);
  });
});
