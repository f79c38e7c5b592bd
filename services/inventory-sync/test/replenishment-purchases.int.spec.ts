import { randomUUID } from 'node:crypto';
import { buildLine, buildOrder } from './build';
import { buildQuant } from './events';
import { startHarness, type Harness, type Seen } from './harness';
import {
  buildConfirmed,
  buildPlaced,
  buildReceipt,
  minMaxRule,
  replenishmentHelpers,
  type ProposalView,
} from './replenishment-helpers';
import { reservationHelpers } from './reservation-helpers';

describe('replenishment: odoo.purchases → expected receipts, backorders filled FIFO', () => {
  let h: Harness;
  let events: Seen[];
  let reservations: Seen[];
  let t: ReturnType<typeof reservationHelpers>;
  let r: ReturnType<typeof replenishmentHelpers>;
  beforeAll(async () => {
    h = await startHarness();
    events = await h.collect('inventory.replenishment');
    reservations = await h.collect('inventory.reservations');
    t = reservationHelpers(h, reservations);
    r = replenishmentHelpers(h, events);
  });
  afterAll(() => h?.stop());

  /** FURN-001 at 2 in a new warehouse, min 5 / max 20: an auto-approved proposal of 18. */
  async function approvedProposal(): Promise<ProposalView> {
    const wh = t.warehouse();
    await t.stocked('FURN-001', wh, 2);
    expect((await r.putRule(wh, 'FURN-001', minMaxRule())).res.status).toBe(200);
    const [proposal] = await r.run(wh);
    expect(proposal).toMatchObject({ quantity: 18, approval: 'AUTO', incoming: 0 });
    return r.untilStatus(proposal!.proposalId, 'APPROVED');
  }
  const verifyOf = async (id: string) =>
    ((await h.call('GET', '/admin/verify')).body.proposals as Record<string, unknown>)[id];

  it('orders on placement, expects what the supplier confirmed, and receives in full', async () => {
    const proposal = await approvedProposal();
    const wh = proposal.warehouseCode;
    const placed = buildPlaced(proposal);
    await r.consumed(await h.send('PurchaseOrderPlaced', placed));
    expect(await r.proposal(proposal.proposalId)).toMatchObject({
      status: 'ORDERED',
      purchaseId: placed.purchaseId,
    });
    expect(await verifyOf(proposal.proposalId)).toEqual({
      status: 'ORDERED',
      sku: 'FURN-001',
      warehouseCode: wh,
      purchaseId: placed.purchaseId,
      reason: `on purchase ${placed.purchaseId} (P00007, PLACED), receipt expected`,
    });
    // 2 on hand + 18 incoming is above min: nothing more to buy.
    expect(await r.run(wh)).toEqual([]);

    // The supplier confirms 2 of 18: projected 4 ≤ 5, so the planner buys again, counting 2.
    await r.consumed(await h.send('PurchaseOrderConfirmed', buildConfirmed(placed, 2)));
    const [again] = await r.run(wh);
    expect(again).toMatchObject({ incoming: 2, quantity: 16, onHand: 2 });

    // Received 1 of 2 with a backorder: still expected 1, still ordered.
    await r.consumed(
      await h.send(
        'PurchaseReceiptValidated',
        buildReceipt(placed, { quantity: 1, receivedTotal: 1, orderedQuantity: 2 }, true),
      ),
    );
    expect(await r.proposal(proposal.proposalId)).toMatchObject({ status: 'ORDERED' });
    const lines = await h.db('purchase_lines').where({ purchase_id: placed.purchaseId });
    expect(lines.map((l: Record<string, string>) => Number(l.expected))).toEqual([1]);

    // The rest arrives, no backorder: nothing more expected, the proposal is RECEIVED.
    await r.consumed(
      await h.send(
        'PurchaseReceiptValidated',
        buildReceipt(placed, { quantity: 1, receivedTotal: 2, orderedQuantity: 2 }, false),
      ),
    );
    expect(await verifyOf(proposal.proposalId)).toMatchObject({
      status: 'RECEIVED',
      purchaseId: placed.purchaseId,
      reason: null,
    });
    const closed = await h.db('purchase_lines').where({ purchase_id: placed.purchaseId });
    expect(closed.map((l: Record<string, string>) => Number(l.expected))).toEqual([0]);
  });

  it('a refusal ends the proposal REFUSED with the reason and the planner proposes again', async () => {
    const proposal = await approvedProposal();
    const wh = proposal.warehouseCode;
    const placed = buildPlaced(proposal);
    await r.consumed(await h.send('PurchaseOrderPlaced', placed));
    await r.consumed(
      await h.send('PurchaseOrderRefused', {
        purchaseId: placed.purchaseId,
        reason: 'out of stock until March',
        refusedAt: Date.now(),
      }),
    );
    expect(await verifyOf(proposal.proposalId)).toEqual({
      status: 'REFUSED',
      sku: 'FURN-001',
      warehouseCode: wh,
      purchaseId: placed.purchaseId,
      reason: 'refused by the supplier: out of stock until March',
    });
    const [again] = await r.run(wh);
    expect(again).toMatchObject({ incoming: 0, quantity: 18 });
    expect(again!.proposalId).not.toBe(proposal.proposalId);
  });

  it('counts a replayed PurchaseOrderPlaced once (same event, or republished under a new id)', async () => {
    const proposal = await approvedProposal();
    const wh = proposal.warehouseCode;
    const placed = buildPlaced(proposal);
    const eventId = await h.send('PurchaseOrderPlaced', placed);
    await h.send('PurchaseOrderPlaced', placed, eventId);
    await r.consumed(await h.send('PurchaseOrderPlaced', placed));
    expect(await h.db('purchases').where({ purchase_id: placed.purchaseId })).toHaveLength(1);
    // Raise the bar: the next proposal counts 18 incoming, not 36 or 54.
    await r.putRule(wh, 'FURN-001', minMaxRule({ min: 30, max: 40 }));
    const [next] = await r.run(wh);
    expect(next).toMatchObject({ incoming: 18, quantity: 20 });
  });

  it('acknowledges purchase events it does not use and purchases it never proposed', async () => {
    const skipped = await h.send('PurchaseExceptionRaised', {
      purchaseId: 'PUR-other',
      kind: 'LATE_CONFIRMATION',
      detail: 'no answer in 48 h',
      raisedAt: Date.now(),
    });
    const foreign = await h.send('PurchaseOrderRefused', {
      purchaseId: `PUR-${randomUUID()}`,
      reason: 'not ours',
      refusedAt: Date.now(),
    });
    await r.consumed(skipped);
    await r.consumed(foreign);
    expect(await h.db('purchases').where({ purchase_id: 'PUR-other' })).toEqual([]);
  });

  it('fills backorders oldest first when stock rises in one step: the older in full, the newer partly', async () => {
    const wh = t.warehouse();
    await t.stocked('FURN-002', wh, 0);
    const older = buildOrder([buildLine({ sku: 'FURN-002', quantity: 4 })], { warehouseCode: wh });
    const newer = buildOrder([buildLine({ sku: 'FURN-002', quantity: 4 })], { warehouseCode: wh });
    await h.send('OrderAccepted', older);
    await t.nth(older.orderId, 'StockBackordered', 1);
    await h.send('OrderAccepted', newer);
    await t.nth(newer.orderId, 'StockBackordered', 1);

    await h.send('StockQuantChanged', buildQuant('FURN-002', wh, 6));
    const olderFill = await t.nth(older.orderId, 'StockReserved', 1);
    const newerFill = await t.nth(newer.orderId, 'StockReserved', 1);
    expect([olderFill.value.partial, t.linesOf(olderFill)]).toEqual([
      false,
      [[1, 'FURN-002', 4, false]],
    ]);
    expect([newerFill.value.partial, t.linesOf(newerFill)]).toEqual([
      true,
      [[1, 'FURN-002', 2, false]],
    ]);
    const orders = (await h.verify()).orders;
    expect(orders[older.orderId]).toMatchObject({
      reservedByLine: { '1': 4 },
      backorderedByLine: {},
    });
    expect(orders[newer.orderId]).toMatchObject({
      reservedByLine: { '1': 2 },
      backorderedByLine: { '1': 2 },
    });
  });
});
