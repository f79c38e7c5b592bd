import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOdooClient, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import { asDeveloper } from '@o2c/testing';
import type { VerifyResult } from '../src/verify/check-invariants';
import { runCli } from './cli';
import { startOdooSim, type RunningSim } from './odoo-sim';

const OLD = Date.now() - 3_600_000;
const SERVICES = ['order-intake', 'inventory-sync', 'fulfillment', 'invoicing'] as const;

/** What each service's /admin/verify says about orders that shipped `shipped` chairs at 100.00. */
function reports(orders: Record<string, number>): Record<string, unknown> {
  const per = <O>(f: (qty: number) => O) =>
    Object.fromEntries(Object.entries(orders).map(([id, qty]) => [id, f(qty)]));
  const base = (service: string, o: Record<string, unknown>) => ({
    service,
    checkedAt: Date.now(),
    violations: [],
    orders: o,
  });
  return {
    'order-intake': base(
      'order-intake',
      per(() => ({ status: 'delivered', createdAt: OLD, updatedAt: OLD })),
    ),
    'inventory-sync': base(
      'inventory-sync',
      per((q) => ({
        reservedByLine: { '1': q },
        backorderedByLine: {},
        releasedByLine: {},
        consumedByLine: { '1': q },
      })),
    ),
    fulfillment: base(
      'fulfillment',
      per((q) => ({
        state: 'COMPLETED',
        shippedByLine: { '1': q },
        returnedByLine: {},
        shipments: 1,
        updatedAt: OLD,
      })),
    ),
    invoicing: base(
      'invoicing',
      per((q) => ({
        invoicedByLine: { '1': q },
        creditedByLine: {},
        invoices: 1,
        invoicedMinor: q * 10_000,
        creditedMinor: 0,
        paidMinor: 0,
        creditNotes: 0,
        currency: 'EUR',
      })),
    ),
  };
}

/** The four services' /admin/verify on one port, under /<service>; 401 without the API key. */
async function serveReports(body: Record<string, unknown>): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.headers.authorization !== asDeveloper.authorization) {
      res.writeHead(401, { 'Content-Type': 'application/problem+json' });
      res.end('{}');
      return;
    }
    const service = req.url?.split('/')[1] ?? '';
    res.writeHead(service in body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body[service] ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** A sale order for `orderId` in Odoo, `delivered` of its 5 chairs validated, invoiced and posted. */
async function orderInOdoo(odoo: OdooClient, orderId: string, delivered: number) {
  // In EUR, like our orders: through the EUR pricelist (the company's currency is USD).
  const [eur] = await odoo.search('product.pricelist', [['currency_id.name', '=', 'EUR']]);
  const so = await odoo.create('sale.order', {
    partner_id: 5,
    pricelist_id: eur,
    client_order_ref: orderId,
    order_line: [[0, 0, { product_id: 1, product_uom_qty: 5, price_unit: 100, sequence: 1 }]],
  });
  await odoo.call('sale.order', 'action_confirm', { ids: [so] });
  const [picking] = await odoo.search('stock.picking', [['sale_id', '=', so]]);
  const moves = await odoo.search('stock.move', [['picking_id', '=', picking]]);
  await odoo.write('stock.move', moves, { quantity: delivered, picked: true });
  await odoo.call('stock.picking', 'button_validate', {
    ids: [picking!],
    context: { skip_sms: true, skip_backorder: true, picking_ids_not_to_backorder: [picking] },
  });
  const context = { active_model: 'sale.order', active_ids: [so], active_id: so };
  const wizard = await odoo.create(
    'sale.advance.payment.inv',
    { advance_payment_method: 'delivered', sale_order_ids: [[6, 0, [so]]] },
    { context },
  );
  await odoo.call('sale.advance.payment.inv', 'create_invoices', { ids: [wizard], context });
  const [order] = await odoo.read<OdooRecord & { name: string }>('sale.order', [so], ['name']);
  const [invoice] = await odoo.search('account.move', [['invoice_origin', '=', order!.name]]);
  await odoo.call('account.move', 'action_post', { ids: [invoice!] });
  return { so, invoice: invoice! };
}

describe('o2c-ops verify against Odoo (the simulator)', () => {
  let sim: RunningSim;
  let odoo: OdooClient;
  let server: Server;
  let args: string[];
  beforeAll(async () => {
    sim = await startOdooSim();
    odoo = createOdooClient({
      url: sim.url,
      db: 'o2c',
      login: 'admin',
      apiKey: 'o2c-admin-key',
      transport: 'auto',
    });
    server = await serveReports(reports({ 'o-agree': 5, 'o-short': 5, 'o-amount': 5 }));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    args = ['--json', 'verify', '--grace', '0'];
    for (const s of SERVICES) args.push(`--${s}-url`, `${base}/${s}`);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await sim.stop();
  });

  it('finds Odoo in agreement, then reports each diverging document per order', async () => {
    await orderInOdoo(odoo, 'o-agree', 5);
    await orderInOdoo(odoo, 'o-short', 3);
    const { invoice } = await orderInOdoo(odoo, 'o-amount', 5);

    // Odoo's address and key come from the adapter's variables, not from a flag or a default.
    const clean = await runCli(args, sim.env);
    const before = clean.json<VerifyResult>();
    expect(before.orders).toBe(3);
    expect(before.violations.filter((v) => v.orderId !== 'o-short')).toEqual([]);

    // An accountant resets the invoice to draft, changes the price, and posts it again.
    await odoo.call('account.move', 'button_draft', { ids: [invoice] });
    const [line] = await odoo.search('account.move.line', [['move_id', '=', invoice]]);
    await odoo.write('account.move.line', [line!], { price_unit: 90 });
    await odoo.call('account.move', 'action_post', { ids: [invoice] });

    const run = await runCli(args, sim.env);
    expect(run.code).toBe(1);
    const result = run.json<VerifyResult>();
    const odooViolations = result.violations
      .filter((v) => v.check.startsWith('ODOO_'))
      .map((v) => [v.orderId, v.check, v.message])
      .sort();
    expect(odooViolations).toEqual([
      ['o-amount', 'ODOO_INVOICED_AMOUNT', "invoiced 500.00, Odoo's posted invoices total 450.00"],
      ['o-short', 'ODOO_DELIVERED_NE_SHIPPED', 'shipped vs Odoo qty_delivered: line 1: 5 vs 3'],
      ['o-short', 'ODOO_INVOICED_AMOUNT', "invoiced 500.00, Odoo's posted invoices total 300.00"],
    ]);
  });

  it('reads Odoo where ODOO_URL points, and says so when nothing answers there', async () => {
    const run = await runCli(args, { ...sim.env, ODOO_URL: 'http://127.0.0.1:1' });
    expect(run.code).toBe(1);
    expect(run.json<{ error: { message: string } }>().error.message).toBe(
      'Odoo could not be read at http://127.0.0.1:1',
    );
  });
});
