import { waitFor } from '@o2c/testing';
import type { PaymentReceived, StockQuantChanged } from '@o2c/contracts';
import { buildInvoice, buildOrderAccepted, buildShipment } from './events';
import { postedMove, startHarness, WEBHOOK_TOKEN, type Harness } from './harness';
import { sampleOf } from '@o2c/testing';

const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, what });

/** Waits for `n` more complete rounds of the payment poll (each reads account.move at least once). */
async function pollRounds(h: Harness, n: number) {
  const reads = async () => {
    const log = (await h.control('GET', 'calls?model=account.move&method=search_read')) as {
      calls: unknown[];
    };
    return log.calls.length;
  };
  const from = await reads();
  // Rounds never overlap: the read of round n + 1 starts after round n has ended.
  await until(async () => ((await reads()) > from + n ? true : undefined), `${n} poll rounds`);
}

/** Runs one order through the adapter up to a posted invoice; returns the Odoo invoice. */
async function invoicedOrder(h: Harness) {
  const order = buildOrderAccepted({
    lines: [
      {
        lineNo: 1,
        sku: 'FURN-001',
        quantity: 3,
        uom: 'EA',
        unitPriceMinor: 12_000,
        substitutionAllowed: false,
      },
    ],
  });
  const invoice = buildInvoice(order.orderId, []);
  await h.publish('OrderAccepted', order, order.orderId);
  await h.publish(
    'ShipmentDispatched',
    buildShipment(order.orderId, [{ lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA' }], true),
    order.orderId,
  );
  await h.publish('InvoiceIssued', invoice, order.orderId);
  const move = await postedMove(h, invoice.invoiceId, ['amount_total']);
  return { order, invoice, moveId: move.id, total: Number(move.amount_total) };
}

describe.each(['16', '19'])('odoo-adapter inbound from Odoo %s', (version) => {
  let h: Harness;
  let payments: Array<{ value: unknown; type: string }>;
  let stock: Array<{ value: unknown; type: string }>;
  beforeAll(async () => {
    h = await startHarness(version);
    payments = await h.collect('odoo.payments');
    stock = await h.collect('odoo.stock');
  });
  afterAll(() => h?.stop());

  it('emits PaymentReceived exactly once whether it learns of the payment by webhook or by polling', async () => {
    const { order, invoice, moveId, total } = await invoicedOrder(h);
    await h.control('POST', 'payments', { invoiceId: moveId, amount: total });
    const hook = await fetch(`${h.url}/webhooks/odoo/${WEBHOOK_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ _action: 'Notify(#1)', _id: moveId, _model: 'account.move' }),
    });
    expect(hook.status).toBe(202);
    const mine = () =>
      payments.filter((p) => (p.value as PaymentReceived).orderId === order.orderId);
    await until(() => Promise.resolve(mine().length ? true : undefined), 'PaymentReceived');
    await pollRounds(h, 3); // they re-read the same change
    expect(mine()).toHaveLength(1);
    expect(mine()[0]?.value).toMatchObject({
      invoiceId: invoice.invoiceId,
      amountMinor: Math.round(total * 100),
      fullyPaid: true,
      currency: 'EUR',
    });
  });

  it('catches a payment committed late with a write_date behind the cursor (overlap window)', async () => {
    const { order, moveId, total } = await invoicedOrder(h);
    const clock = (await h.control('GET', 'clock')) as { now: string };
    const earlier = new Date(Date.parse(`${clock.now.replace(' ', 'T')}Z`) - 60_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    // The poll's cursor passes the late write_date: only the overlap window can still find it.
    await until(async () => {
      const row = (await h.db('odoo_poll_cursors').where({ model: 'account.move' }).first()) as
        { cursor: string } | undefined;
      return row && row.cursor > earlier ? true : undefined;
    }, 'the cursor past the late write_date');
    await h.control('POST', 'payments', { invoiceId: moveId, amount: total, at: earlier });
    const mine = () =>
      payments.filter((p) => (p.value as PaymentReceived).orderId === order.orderId);
    await until(() => Promise.resolve(mine().length ? true : undefined), 'late PaymentReceived');
    await pollRounds(h, 3);
    expect(mine()).toHaveLength(1);
  });

  it('times a change from its write_date to the append of its event (o2c_odoo_sync_delay_seconds)', async () => {
    const moves = async () => {
      const text = await (await fetch(`${h.url}/metrics`)).text();
      const model = { model: 'account.move' };
      return {
        count: sampleOf(text, 'o2c_odoo_sync_delay_seconds_count', model) ?? 0,
        sum: sampleOf(text, 'o2c_odoo_sync_delay_seconds_sum', model) ?? 0,
      };
    };
    const { order, moveId, total } = await invoicedOrder(h);
    const before = await moves();
    const clock = (await h.control('GET', 'clock')) as { now: string };
    const written = new Date(Date.parse(`${clock.now.replace(' ', 'T')}Z`) - 120_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    const writtenAt = Date.parse(`${written.replace(' ', 'T')}Z`);
    await h.control('POST', 'payments', { invoiceId: moveId, amount: total, at: written });
    await until(
      () =>
        Promise.resolve(
          payments.some((p) => (p.value as PaymentReceived).orderId === order.orderId) || undefined,
        ),
      'PaymentReceived',
    );
    const after = await moves();
    expect(after.count - before.count).toBe(1);
    const seconds = after.sum - before.sum;
    expect(seconds).toBeGreaterThanOrEqual((Date.now() - writtenAt) / 1000 - 30);
    expect(seconds).toBeLessThanOrEqual((Date.now() - writtenAt) / 1000);
    expect(seconds).toBeGreaterThanOrEqual(120);
  });

  it('emits the warehouse totals of stock after deliveries (StockQuantChanged)', async () => {
    const chairsInWh = () =>
      stock
        .map((s) => s.value as StockQuantChanged)
        .filter((s) => s.sku === 'FURN-001' && s.warehouseCode === 'WH');
    const expected = await h.odoo.searchRead(
      'stock.quant',
      [
        ['product_id.default_code', '=', 'FURN-001'],
        ['location_id.usage', '=', 'internal'],
        ['location_id.warehouse_id.code', '=', 'WH'],
      ],
      { fields: ['quantity'] },
    );
    const onHand = expected.reduce((sum, q) => sum + Number(q.quantity), 0);
    const last = await until(() => {
      const latest = chairsInWh().at(-1);
      return Promise.resolve(latest?.quantityOnHand === onHand ? latest : undefined);
    }, `StockQuantChanged with ${onHand} on hand`);
    expect(last).toMatchObject({ uom: 'EA', reservedQuantity: expect.any(Number) as unknown });
    expect(onHand).toBeLessThan(60); // seeded 50 + 10, minus what the tests delivered
  });

  it('refuses webhooks with a wrong token (404) or a model it does not follow (422)', async () => {
    const post = (token: string, body: unknown) =>
      fetch(`${h.url}/webhooks/odoo/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await post('wrong-token-wrong-token-wrong', { _model: 'account.move', _id: 1 })).status,
    ).toBe(404);
    const unsupported = await post(WEBHOOK_TOKEN, { _model: 'crm.lead', _id: 1 });
    expect(unsupported.status).toBe(422);
    expect(unsupported.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe('odoo-adapter while Odoo is down', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('17');
  });
  afterAll(() => h?.stop());

  const circuitOpen = async () =>
    /o2c_odoo_circuit_open\{[^}]*\} 1/.test(await (await fetch(`${h.url}/metrics`)).text());

  it('keeps events waiting (no dead letter), opens the circuit, and syncs them once Odoo is back', async () => {
    const dlq = await h.collect(`sales.orders.dlq.${h.group}`);
    await h.control('POST', 'faults', { kind: 'down', mode: '503' });
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    await until(async () => ((await circuitOpen()) ? true : undefined), 'the circuit to open');
    // Only runs before the circuit opened (ODOO_BREAKER_THRESHOLD = 2) use up attempts; the runs
    // that meet the open circuit wait without counting.
    const topic = `${h.prefix}sales.orders`;
    const waited = async () =>
      sampleOf(await (await fetch(`${h.url}/metrics`)).text(), 'inbox_messages_total', {
        topic,
        outcome: 'unavailable',
      }) ?? 0;
    await until(async () => ((await waited()) >= 4 ? true : undefined), 'four runs to wait');
    const held = await h
      .db('inbox_attempts')
      .where({ topic })
      .select<Array<{ attempts: number }>>('attempts');
    expect(held).toHaveLength(1);
    expect(held[0]!.attempts).toBeLessThanOrEqual(2);
    expect(await h.db('odoo_sync_log').where({ order_id: order.orderId })).toHaveLength(0);
    expect(dlq).toHaveLength(0);
    await h.control('DELETE', 'faults');
    await until(
      async () =>
        (await h.db('odoo_sync_log').where({ order_id: order.orderId })).length ? true : undefined,
      'the sync after the outage',
    );
    expect(await circuitOpen()).toBe(false);
    expect(await h.odoo.searchCount('sale.order', [['client_order_ref', '=', order.orderId]])).toBe(
      1,
    );
    expect(dlq).toHaveLength(0);
  });
});
