import { buildInvoice, buildOrderAccepted, buildShipment } from '../events';
import { postedMove, startHarness, type Harness, type RealOdoo } from '../harness';
import { syncedActions, until } from '../sim-probes';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see jest.real-odoo.config.cjs)`);
  return value;
}

const real: RealOdoo = {
  url: required('REAL_ODOO_URL'),
  db: required('REAL_ODOO_DB'),
  login: required('REAL_ODOO_USER'),
  apiKey: required('REAL_ODOO_KEY'),
};
const lines = [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }];

/**
 * The parking of events whose sale order is not in Odoo yet, against a real Odoo: the adapter
 * in-process on topics and a database of its own. Needs `npm run demo:seed-odoo`'s products and
 * customers (FURN-001, CUST-001 on a EUR pricelist): shadow.real-odoo.ts gives the first
 * customer another ref, so run this one alone (`-t overtook`) or seed again after it. Writes one
 * sale order, its delivery and its invoice; run by jest.real-odoo.config.cjs.
 */
describe('events that overtook their order, against a real Odoo', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('real', { real, env: { ODOO_TIMEOUT_MS: '30000' } });
  });
  afterAll(() => h?.stop());

  it('parks the shipment and the invoice, then lands both once the order is synced', async () => {
    const order = buildOrderAccepted({
      lines: [{ ...lines[0]!, unitPriceMinor: 12_000, substitutionAllowed: false }],
      totalMinor: 24_000,
    });
    const shipment = buildShipment(order.orderId, lines, true);
    const invoice = buildInvoice(order.orderId, [shipment.shipmentId], lines);
    const waiting = () => h.db('odoo_waiting_for_sale_order').where({ order_id: order.orderId });
    await h.publish('ShipmentDispatched', shipment, order.orderId);
    await until(async () => ((await waiting()).length === 1 ? true : undefined), 'parked');
    await h.publish('InvoiceIssued', invoice, order.orderId);
    await until(async () => ((await waiting()).length === 2 ? true : undefined), 'both parked');

    await h.publish('OrderAccepted', order, order.orderId);
    await postedMove(h, invoice.invoiceId, ['state']);
    await until(async () => ((await waiting()).length === 0 ? true : undefined), 'resumed');
    expect((await syncedActions(h, order.orderId)).sort()).toEqual([
      'created+confirmed',
      'posted',
      'validated',
    ]);
    const [line] = await h.odoo.searchRead(
      'sale.order.line',
      [['order_id.client_order_ref', '=', order.orderId]],
      { fields: ['qty_delivered', 'qty_invoiced'] },
    );
    expect([Number(line?.qty_delivered), Number(line?.qty_invoiced)]).toEqual([2, 2]);
  });
});
