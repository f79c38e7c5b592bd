import { createOdooClient, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import { startOdooSim, type RunningSim } from '../../test/odoo-sim';
import { checkInvariants } from './check-invariants';
import type { PlatformFacts } from './facts';
import { odooPurchaseFacts } from './odoo-purchase-facts';

const CHAIR = 1;

describe("verify reading Odoo's purchase orders and vendor bills (the simulator, Odoo 17)", () => {
  let sim: RunningSim;
  let odoo: OdooClient;
  let supplier: number;
  let incoming: number;
  beforeAll(async () => {
    sim = await startOdooSim();
    odoo = createOdooClient({
      url: sim.url,
      db: 'o2c',
      login: 'admin',
      apiKey: 'o2c-admin-key',
      transport: 'auto',
    });
    [supplier] = (await odoo.search('res.partner', [['ref', '=', 'SUP-001']])) as [number];
    [incoming] = (await odoo.search('stock.picking.type', [['code', '=', 'incoming']])) as [number];
  });
  afterAll(() => sim?.stop());

  const placeOrder = async (origin: string) => {
    const po = await odoo.call<number>('purchase.order', 'create', {
      args: [
        {
          partner_id: supplier,
          origin,
          picking_type_id: incoming,
          date_planned: '2026-12-10 08:00:00',
          currency_id: 1,
          order_line: [
            [
              0,
              0,
              {
                product_id: CHAIR,
                product_qty: 5,
                product_uom: 1,
                price_unit: 55,
                date_planned: '2026-12-10 08:00:00',
                name: 'chairs',
              },
            ],
          ],
        },
      ],
    });
    await odoo.call('purchase.order', 'button_confirm', { ids: [po] });
    return po;
  };

  /** The clerk receives everything, bills it and posts the bill. */
  const receiveBillAndPost = async (po: number) => {
    const [order] = await odoo.read<OdooRecord & { picking_ids: number[] }>(
      'purchase.order',
      [po],
      ['picking_ids'],
    );
    const moves = await odoo.search('stock.move', [['picking_id', 'in', order!.picking_ids]]);
    await odoo.call('stock.move', 'write', { args: [moves, { quantity: 5, picked: true }] });
    await odoo.call('stock.picking', 'button_validate', { ids: order!.picking_ids });
    const action = await odoo.call<{ res_id: number }>('purchase.order', 'action_create_invoice', {
      ids: [po],
    });
    await odoo.call('account.move', 'write', {
      args: [[action.res_id], { invoice_date: '2026-12-04' }],
    });
    await odoo.call('account.move', 'action_post', { ids: [action.res_id] });
    return action.res_id;
  };

  it('finds a purchase placed twice, a posted bill invoicing had found mismatched, received quantities that differ', async () => {
    const first = await placeOrder('PUR-twice');
    await placeOrder('PUR-twice');
    await placeOrder('PUR-once');
    await placeOrder('not-ours');
    const bill = await receiveBillAndPost(first);

    const facts = await odooPurchaseFacts(odoo, [String(bill), 'not-an-id']);
    expect(Object.keys(facts.orders).sort()).toEqual(['PUR-once', 'PUR-twice']);
    // Odoo lists the newest order first; the first one was received in full.
    expect(facts.orders['PUR-twice']!.map((o) => [o.state, o.receivedByLine])).toEqual([
      ['purchase', { '1': 0 }],
      ['purchase', { '1': 5 }],
    ]);
    expect(facts.orders['PUR-once']![0]!.writtenAt).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(facts.billStates).toEqual({ [String(bill)]: 'posted' });

    const report = (service: string) => ({ service, checkedAt: 0, violations: [], orders: {} });
    const platform: PlatformFacts = {
      intake: report('order-intake'),
      inventory: report('inventory-sync'),
      fulfillment: report('fulfillment'),
      invoicing: {
        ...report('invoicing'),
        tolerancePercent: 2,
        purchases: {
          'PUR-twice': {
            status: 'CONFIRMED',
            odooReference: 'P00001',
            lines: { '1': { sku: 'FURN-001', ordered: 5, received: 5, billed: 0 } },
            bills: [
              {
                odooBillId: String(bill),
                decision: 'MISMATCHED',
                open: true,
                mismatches: [{ lineNo: 1, kind: 'PRICE' }],
              },
            ],
          },
          'PUR-once': {
            status: 'CONFIRMED',
            odooReference: 'P00003',
            lines: { '1': { sku: 'FURN-001', ordered: 5, received: 5, billed: 0 } },
            bills: [],
          },
        },
      },
      odooPurchases: facts,
    };
    // Received quantities are compared only with a purchase's one order in Odoo.
    const found = checkInvariants(platform, { now: Date.now(), graceMs: 0 }).violations;
    expect(found.map((v) => [v.check, v.orderId])).toEqual([
      ['ODOO_PURCHASE_ORDER_TWICE', 'PUR-twice'],
      ['MISMATCHED_BILL_POSTED', 'PUR-twice'],
      ['ODOO_RECEIVED_NE_LEDGER', 'PUR-once'],
    ]);
    expect(found.at(-1)!.message).toMatch(/line 1: 5 vs 0$/);
  });
});
