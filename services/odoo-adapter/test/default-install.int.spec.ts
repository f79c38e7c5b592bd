import { waitFor } from '@o2c/testing';
import { buildOrderAccepted, buildShipment } from './events';
import { startHarness, type Harness } from './harness';

const DEFAULT_INSTALL = 'sale_management,stock,account,stock_sms,sms';
const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, what });
const syncedActions = async (h: Harness, orderId: string) =>
  (await h.db('odoo_sync_log').where({ order_id: orderId }).orderBy('synced_at')).map(
    (r: { action: string }) => r.action,
  );

/** Demo partners of a real Odoo have phones: with stock_sms on, validation asks about SMS. */
async function customerWithPhone(h: Harness) {
  const [customer] = await h.odoo.search('res.partner', [['ref', '=', 'CUST-001']]);
  await h.odoo.write('res.partner', [customer!], { phone: '+32 2 290 34 90' });
}

const deliveries = (h: Harness, orderId: string) =>
  h.odoo.searchRead('stock.picking', [['sale_id.client_order_ref', '=', orderId]], {
    fields: ['state'],
    order: 'id asc',
  });

describe('odoo-adapter against a default Odoo 17 install (stock_sms, no stock_delivery)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('17', { modules: DEFAULT_INSTALL });
    await customerWithPhone(h);
  });
  afterAll(() => h?.stop());

  it('validates deliveries past the SMS question and keeps tracking numbers in its own ledger', async () => {
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    const first = buildShipment(
      order.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
      false,
    );
    const last = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    await h.publish('ShipmentDispatched', first, order.orderId);
    await h.publish('ShipmentDispatched', last, order.orderId);
    // redelivered: found through the ledger (no carrier_tracking_ref to search in Odoo)
    await h.publish('ShipmentDispatched', first, order.orderId);
    const actions = await until(async () => {
      const a = await syncedActions(h, order.orderId);
      return a.length === 4 ? a : undefined;
    }, 'order and three shipment deliveries');
    expect(actions).toEqual([
      'created+confirmed',
      'validated+backorder',
      'validated',
      'already-validated',
    ]);
    const pickings = await deliveries(h, order.orderId);
    expect(pickings.map((p) => p.state)).toEqual(['done', 'done']);
    const ledger = await h
      .db('odoo_shipments')
      .where({ order_id: order.orderId })
      .orderBy('first_seen_at');
    expect(
      ledger.map((r: { tracking_ref: string; picking_id: number; validated_at: Date | null }) => [
        r.tracking_ref,
        r.picking_id,
        r.validated_at !== null,
      ]),
    ).toEqual([
      [first.trackingNumber, pickings[0]?.id, true],
      [last.trackingNumber, pickings[1]?.id, true],
    ]);
    expect(await h.odoo.searchCount('confirm.stock.sms', [])).toBe(0);
  });
});

describe('odoo-adapter with ODOO_SKIP_SMS=false against Odoo 17 asking its SMS question', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('17', { modules: DEFAULT_INSTALL, env: { ODOO_SKIP_SMS: 'false' } });
    await customerWithPhone(h);
  });
  afterAll(() => h?.stop());

  it('dead-letters the shipment with the reason instead of counting it as validated', async () => {
    const dlq = await h.collect(`fulfillment.shipments.dlq.${h.group}`);
    const order = buildOrderAccepted();
    await h.publish('OrderAccepted', order, order.orderId);
    const shipment = buildShipment(
      order.orderId,
      [
        { lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA' },
      ],
      true,
    );
    await h.publish('ShipmentDispatched', shipment, order.orderId);
    const letter = await until(() => Promise.resolve(dlq[0]), 'the dead letter');
    expect(letter.headers['dlq-error-code']?.toString()).toBe('ODOO_UNEXPECTED_WIZARD');
    expect(letter.headers['dlq-error-message']?.toString()).toMatch(
      /confirm\.stock\.sms.*NOT done.*ODOO_SKIP_SMS=true/,
    );
    expect((await deliveries(h, order.orderId)).map((p) => p.state)).toEqual(['assigned']);
    expect(await syncedActions(h, order.orderId)).toEqual(['created+confirmed']);
  });
});
