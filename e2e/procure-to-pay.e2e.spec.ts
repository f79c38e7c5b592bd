import { fromHeaders } from '@o2c/kafka';
import { apiOf, until, type Api } from './support/api';
import { createChannel, type Seen } from './support/channel';
import { billPurchase, receivePurchase } from './support/odoo-clerk';
import { odooOf } from './support/odoo';
import { startPlatform, type Platform } from './support/platform';
import {
  billState,
  purchaseLinesOf,
  purchaseOrdersOf,
  purchasingOf,
  type ProposalView,
} from './support/purchasing';
import { groupsCaughtUp, runOps } from './support/verify';
import { verifySettled } from './support/order-to-cash';

type Purchasing = ReturnType<typeof purchasingOf>;
const data = (e: Seen) => e.value as Record<string, unknown>;
/** A purchase's events of a type, once each (a replay writes the same event again). */
const ofPurchase = (events: Seen[], purchaseId: string, type: string) => {
  const byId = new Map<string, Seen>();
  for (const e of events)
    if (e.type === type && data(e).purchaseId === purchaseId)
      byId.set(fromHeaders(e.headers).eventId, e);
  return [...byId.values()];
};

describe('procure to pay, every service as its own process', () => {
  let p: Platform;
  let api: Api;
  let buy: Purchasing;
  let odoo: ReturnType<typeof odooOf>['odoo'];
  let channel: Awaited<ReturnType<typeof createChannel>>;
  let purchases: Seen[];
  let bills: Seen[];
  const placed: Record<string, string> = {};

  beforeAll(async () => {
    p = await startPlatform({
      env: {
        'odoo-adapter': { PURCHASE_CONFIRMATION_TIMEOUT_MS: '10000' },
      },
    });
    api = apiOf(p);
    buy = purchasingOf(p);
    ({ odoo } = odooOf(p));
    channel = await createChannel(p);
    purchases = await channel.read('odoo.purchases');
    bills = await channel.read('billing.vendor-bills');
    await until(async () => {
      const a = JSON.stringify(await api.availability('FURN-002'));
      return a.includes('"onHand":5') ? true : undefined;
    }, 'FURN-002 stock known to inventory-sync');
  });
  afterAll(async () => {
    await channel?.close();
    await p?.stopAll();
  });

  /** Runs the planner and returns the proposal it made for `sku`. */
  async function proposeFor(sku: string): Promise<ProposalView> {
    const made = (await buy.plan()).filter((x) => x.sku === sku);
    expect(made).toHaveLength(1);
    return made[0]!;
  }

  it('buys what backorders need: proposal, PO, partial confirmation, two receipts filling backorders in order, a matched bill', async () => {
    // FURN-002: 5 on hand; A takes them, B (4) and C (3) wait, oldest first.
    const a = await api.submit([{ sku: 'FURN-002', quantity: 5 }]);
    await api.events(a, 'StockReserved');
    const b = await api.submit([{ sku: 'FURN-002', quantity: 4 }]);
    await api.events(b, 'StockBackordered');
    const c = await api.submit([{ sku: 'FURN-002', quantity: 3 }]);
    await api.events(c, 'StockBackordered');

    await buy.supplier('SUP-001', { mode: 'partial', ratio: 0.5 });
    await buy.setRule('WH', 'FURN-002', {
      policy: 'MIN_MAX',
      min: 0,
      max: 13,
      packSize: 5,
      supplierCode: 'SUP-001',
      leadTimeDays: 3,
      unitCostMinor: 2_000,
      currency: 'EUR',
    });
    const proposal = await proposeFor('FURN-002');
    // The later tests run the planner again: this SKU is bought once, by this test.
    await buy.deleteRule('WH', 'FURN-002');
    // projected = on hand − reserved + incoming − backordered = −7; up to 13 is 20, in packs of 5.
    expect(proposal).toMatchObject({ quantity: 20, approval: 'AUTO' });
    const ordered = await buy.proposalReaches(proposal.proposalId, 'ORDERED');
    const purchaseId = ordered.purchaseId!;
    placed.happy = purchaseId;
    expect(await purchaseOrdersOf(odoo, purchaseId)).toEqual([
      expect.objectContaining({ state: 'purchase' }),
    ]);

    // The supplier confirms half: Odoo's line and the expected receipt say 10.
    const [confirmed] = await until(() => {
      const found = ofPurchase(purchases, purchaseId, 'PurchaseOrderConfirmed');
      return found.length ? found : undefined;
    }, 'PurchaseOrderConfirmed');
    expect(data(confirmed!)).toMatchObject({
      changed: true,
      lines: [{ sku: 'FURN-002', quantity: 10 }],
    });
    await until(async () => {
      const [line] = await purchaseLinesOf(odoo, purchaseId);
      return line?.product_qty === 10 ? true : undefined;
    }, 'Odoo line at the confirmed 10');
    // …and the open receipt expects 10 in place: no second move, no return to the vendor.
    const [po] = await purchaseOrdersOf(odoo, purchaseId);
    const pickings = await odoo.searchRead('stock.picking', [['purchase_id', '=', po!.id]], {
      fields: ['picking_type_code', 'move_ids'],
    });
    expect(pickings).toEqual([expect.objectContaining({ picking_type_code: 'incoming' })]);
    const moves = await odoo.read('stock.move', pickings[0]!.move_ids as number[], [
      'product_uom_qty',
    ]);
    expect(moves.map((m) => m.product_uom_qty)).toEqual([10]);

    // First receipt: 5 of 10. B (older) is filled before C.
    await receivePurchase(odoo, purchaseId, { 'FURN-002': 5 }, { backorder: true });
    await api.events(b, 'StockReserved');
    const [first] = await until(() => {
      const found = ofPurchase(purchases, purchaseId, 'PurchaseReceiptValidated');
      return found.length ? found : undefined;
    }, 'first PurchaseReceiptValidated');
    expect(data(first!)).toMatchObject({
      backorder: true,
      lines: [{ sku: 'FURN-002', quantity: 5, receivedTotal: 5, status: 'PARTIAL' }],
    });
    // C may take the fifth piece, but only after B was served.
    const reservedAt = async (orderId: string) =>
      (await api.order(orderId)).timeline
        .filter((e) => e.eventType === 'StockReserved')
        .map((e) => Date.parse(String((e as { occurredAt?: string }).occurredAt)));
    const [cFirst] = await reservedAt(c);
    if (cFirst !== undefined) expect(cFirst).toBeGreaterThanOrEqual((await reservedAt(b))[0]!);

    // Second receipt: the rest; C is filled, the proposal is received.
    await receivePurchase(odoo, purchaseId, { 'FURN-002': 5 }, { backorder: false });
    await api.orderReaches(b, 'delivered', 120_000);
    await api.orderReaches(c, 'delivered', 120_000);
    await buy.proposalReaches(proposal.proposalId, 'RECEIVED');

    // The accountant bills what was received: matched, then posted in Odoo.
    const billId = await billPurchase(odoo, purchaseId);
    await until(
      () => (ofPurchase(bills, purchaseId, 'VendorBillMatched').length ? true : undefined),
      'VendorBillMatched',
    );
    await until(
      async () => ((await billState(odoo, billId)) === 'posted' ? true : undefined),
      'bill posted',
    );
    const rec = await buy.reconciliation(purchaseId);
    expect(rec.lines).toEqual([
      expect.objectContaining({
        sku: 'FURN-002',
        ordered: 20,
        confirmed: 10,
        received: 10,
        billed: 10,
      }),
    ]);
    expect(rec.bills).toEqual([expect.objectContaining({ decision: 'MATCHED' })]);
  });

  it('records a supplier refusal: the PO is cancelled in Odoo, the proposal refused, an exception raised', async () => {
    await buy.supplier('SUP-002', { mode: 'refuse' });
    await buy.setRule('WH', 'FURN-001', {
      policy: 'REORDER_POINT',
      reorderPoint: 100,
      reorderQuantity: 10,
      supplierCode: 'SUP-002',
      leadTimeDays: 5,
      unitCostMinor: 4_000,
      currency: 'EUR',
    });
    const proposal = await proposeFor('FURN-001');
    await buy.deleteRule('WH', 'FURN-001');
    const refused = await buy.proposalReaches(proposal.proposalId, 'REFUSED');
    placed.refused = refused.purchaseId!;
    expect(await purchaseOrdersOf(odoo, refused.purchaseId!)).toEqual([
      expect.objectContaining({ state: 'cancel' }),
    ]);
    const raised = await until(() => {
      const found = ofPurchase(purchases, refused.purchaseId!, 'PurchaseExceptionRaised');
      return found.length ? found : undefined;
    }, 'SUPPLIER_REFUSED');
    expect(raised.map((e) => data(e).kind)).toEqual(['SUPPLIER_REFUSED']);
  });

  it('raises a late confirmation, and holds a bill priced over tolerance as a draft', async () => {
    await buy.supplier('SUP-002', { mode: 'silent' });
    await buy.setRule('WH', 'FURN-001-B', {
      policy: 'REORDER_POINT',
      reorderPoint: 100,
      reorderQuantity: 10,
      supplierCode: 'SUP-002',
      leadTimeDays: 2,
      unitCostMinor: 5_000,
      currency: 'EUR',
    });
    const proposal = await proposeFor('FURN-001-B');
    await buy.deleteRule('WH', 'FURN-001-B');
    const { purchaseId } = await buy.proposalReaches(proposal.proposalId, 'ORDERED');
    placed.late = purchaseId!;
    const [overdue] = await until(() => {
      const found = ofPurchase(purchases, purchaseId!, 'PurchaseExceptionRaised');
      return found.length ? found : undefined;
    }, 'CONFIRMATION_OVERDUE');
    expect(data(overdue!).kind).toBe('CONFIRMATION_OVERDUE');

    // The goods arrive anyway; the supplier's bill asks 55.00 a piece for 50.00 ordered (+10 %).
    await receivePurchase(odoo, purchaseId!, { 'FURN-001-B': 10 }, { backorder: false });
    const billId = await billPurchase(odoo, purchaseId!, { 'FURN-001-B': { priceUnit: 55 } });
    const [mismatch] = await until(() => {
      const found = ofPurchase(bills, purchaseId!, 'VendorBillMismatched');
      return found.length ? found : undefined;
    }, 'VendorBillMismatched');
    expect(data(mismatch!).mismatches).toEqual([
      expect.objectContaining({ sku: 'FURN-001-B', kind: 'PRICE', billedPriceMinor: 5_500 }),
    ]);
    expect(await billState(odoo, billId)).toBe('draft');
    const rec = await buy.reconciliation(purchaseId!);
    expect(rec.bills).toEqual([expect.objectContaining({ decision: 'MISMATCHED', open: true })]);
  });

  it('replaying the whole flow twice places no second PO and posts no second bill', async () => {
    const placedIds = () =>
      purchases
        .filter((e) => e.type === 'PurchaseOrderPlaced')
        .map((e) => fromHeaders(e.headers).eventId);
    const before = new Set(placedIds());
    expect(before.size).toBe(Object.keys(placed).length);
    for (let i = 0; i < 2; i++)
      for (const topic of ['inventory.replenishment', 'odoo.purchases', 'billing.vendor-bills']) {
        const { exitCode, json } = await runOps([
          'replay',
          '--topic',
          `${p.prefix}${topic}`,
          '--from',
          '1h',
          '--target',
          `${p.prefix}${topic}`,
          '--execute',
        ]);
        expect(exitCode).toBe(0);
        expect(JSON.stringify(json)).toMatch(/"published":\s*[1-9]/);
      }
    await until(() => groupsCaughtUp(p.prefix), 'replays consumed', 120_000);
    expect(new Set(placedIds())).toEqual(before);
    for (const purchaseId of Object.values(placed))
      expect(await purchaseOrdersOf(odoo, purchaseId)).toHaveLength(1);
    const posted = await odoo.searchRead('account.move', [
      ['move_type', '=', 'in_invoice'],
      ['state', '=', 'posted'],
    ]);
    expect(posted).toHaveLength(1);
    // The late purchase's overdue exception was raised once, replays included.
    const raised = ofPurchase(purchases, placed.late!, 'PurchaseExceptionRaised');
    expect(raised.map((e) => data(e).kind)).toEqual(['CONFIRMATION_OVERDUE']);
    const v = await verifySettled(p);
    expect(v.result.violations).toEqual([]);
  });
});
