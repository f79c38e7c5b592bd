import { waitFor } from '@o2c/testing';
import { buildInvoice, buildOrderAccepted, buildShipment } from './events';
import { postedMove, startHarness, type Harness } from './harness';
import { sampleOf } from '@o2c/testing';

const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, what });

const gauge = async (h: Harness, name: string) => {
  const text = await (await fetch(`${h.url}/metrics`)).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
};
const WAITING = { kind: 'invoice_waiting_for_delivery' };
const exceptions = async (h: Harness) => {
  const text = await (await fetch(`${h.url}/metrics`)).text();
  return {
    open: sampleOf(text, 'o2c_exceptions_open', WAITING),
    oldestAge: sampleOf(text, 'o2c_exception_oldest_open_age_seconds', WAITING),
  };
};

/**
 * An invoice can reach the adapter before its delivery's validation (another topic) reached Odoo,
 * which only invoices delivered quantities. It is parked, not retried in place (that would hold
 * its partition), and posted when a shipment of its order is validated.
 */
describe('odoo-adapter: an invoice ahead of its delivery', () => {
  let h: Harness;
  const order = buildOrderAccepted();
  // All three chairs: the first shipment delivers two, the last one the third.
  const invoice = buildInvoice(order.orderId, [], [{ lineNo: 1, sku: 'FURN-001', quantity: 3 }]);
  const invoiceRows = async () =>
    (await h
      .db('odoo_sync_log')
      .where({ order_id: order.orderId, event_type: 'InvoiceIssued' })) as Array<{
      action: string;
      odoo_model: string;
    }>;
  const waiting = () => h.db('odoo_waiting_invoices').where({ order_id: order.orderId });

  beforeAll(async () => {
    h = await startHarness('17');
    await h.publish('OrderAccepted', order, order.orderId);
    await until(
      async () =>
        (await h.db('odoo_sync_log').where({ order_id: order.orderId })).length ? true : undefined,
      'sale order synced',
    );
  });
  afterAll(() => h?.stop());

  it('parks it with the reason, acknowledged, without an Odoo invoice', async () => {
    await h.publish('InvoiceIssued', invoice, order.orderId);
    const [row] = await until(async () => {
      const rows = await invoiceRows();
      return rows.length ? rows : undefined;
    }, 'invoice handled');
    expect(row).toMatchObject({ action: 'waiting-for-delivery', odoo_model: 'sale.order' });
    const parked = (await waiting()) as Array<{ invoice_id: string; reason: string }>;
    expect(parked).toEqual([
      expect.objectContaining({
        invoice_id: invoice.invoiceId,
        reason: expect.stringMatching(
          /has 0(\.0)? FURN-001 to invoice in Odoo, not yet 3/,
        ) as unknown,
      }),
    ]);
    const moves = await h.odoo.searchRead('account.move', [['ref', '=', invoice.invoiceId]], {
      fields: ['state'],
    });
    expect(moves).toEqual([]);
    expect(await gauge(h, 'o2c_odoo_invoices_waiting')).toBe(1);
    const open = await exceptions(h);
    expect(open.open).toBe(1);
    expect(open.oldestAge).toBeGreaterThan(0);
  });

  it('keeps it parked while a validated shipment still leaves it short', async () => {
    const first = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
      false,
    );
    await h.publish('ShipmentDispatched', first, order.orderId);
    await until(async () => {
      const rows = await h
        .db('odoo_sync_log')
        .where({ order_id: order.orderId, event_type: 'ShipmentDispatched' });
      return rows.length ? true : undefined;
    }, 'first shipment validated');
    const parked = (await waiting()) as Array<{ reason: string }>;
    expect(parked).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(
          /has 2(\.0)? FURN-001 to invoice in Odoo, not yet 3/,
        ) as unknown,
      }),
    ]);
    expect((await invoiceRows())[0]?.action).toBe('waiting-for-delivery');
  });

  it('posts it once the last shipment is validated, and a later invoice of the order at once', async () => {
    const last = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    await h.publish('ShipmentDispatched', last, order.orderId);
    const move = await postedMove(h, invoice.invoiceId, ['amount_total']);
    expect(Number(move.amount_total)).toBe(360);
    await until(
      async () => ((await invoiceRows())[0]?.action === 'posted' ? true : undefined),
      'sync log of the parked invoice updated',
    );
    expect(await waiting()).toEqual([]);
    expect(await gauge(h, 'o2c_odoo_invoices_waiting')).toBe(0);
    expect(await exceptions(h)).toEqual({ open: 0, oldestAge: 0 });

    const table = buildInvoice(order.orderId, [], [{ lineNo: 2, sku: 'FURN-002', quantity: 1 }]);
    await h.publish('InvoiceIssued', table, order.orderId);
    expect(Number((await postedMove(h, table.invoiceId, ['amount_total'])).amount_total)).toBe(350);
    // Odoo shows the move posted before the adapter's transaction, which logs it, commits.
    const logged = await until(async () => {
      const rows = await invoiceRows();
      return rows.length === 2 ? rows : undefined;
    }, 'sync log of the later invoice');
    expect(logged.map((r) => r.action)).toEqual(['posted', 'posted']);
  });
});
