import { ReplenishmentError } from '../src/domain/replenishment/errors';
import { planReplenishment, projectedOf } from '../src/domain/replenishment/plan';
import {
  approve,
  explain,
  propose,
  reject,
  type Proposal,
} from '../src/domain/replenishment/proposal';
import type { PositionFacts, ReplenishmentRule } from '../src/domain/replenishment/rule';

const rule = (overrides: Partial<ReplenishmentRule> = {}): ReplenishmentRule => ({
  sku: 'FURN-001',
  warehouseCode: 'WH',
  supplierCode: 'SUP-001',
  policy: 'MIN_MAX',
  low: 5,
  high: 20,
  packSize: 1,
  leadTimeDays: 3,
  unitCostMinor: 1_000,
  currency: 'EUR',
  minOrderValueMinor: 0,
  uom: 'EA',
  ...overrides,
});
const facts = (overrides: Partial<PositionFacts> = {}): PositionFacts => ({
  onHand: 0,
  reserved: 0,
  backordered: 0,
  incoming: 0,
  ...overrides,
});
const DAY = 86_400_000;

describe('planReplenishment', () => {
  describe('MIN_MAX', () => {
    it('proposes nothing while projected stock is above min', () => {
      expect(planReplenishment(rule(), facts({ onHand: 6 }))).toBeNull();
    });
    it('buys up to max when projected stock is at min', () => {
      expect(planReplenishment(rule(), facts({ onHand: 8, reserved: 3 }))).toEqual({
        quantity: 15,
        valueMinor: 15_000,
        reason: 'REORDER_POINT',
        projected: 5,
      });
    });
  });

  describe('REORDER_POINT', () => {
    const rop = rule({ policy: 'REORDER_POINT', low: 10, high: 24 });
    it('proposes nothing above the reorder point', () => {
      expect(planReplenishment(rop, facts({ onHand: 11 }))).toBeNull();
    });
    it('buys the reorder quantity at or below the reorder point', () => {
      expect(planReplenishment(rop, facts({ onHand: 10 }))?.quantity).toBe(24);
      expect(planReplenishment(rop, facts({ onHand: 2 }))?.quantity).toBe(24);
    });
    it('buys at least what open backorders lack when they exceed the reorder quantity', () => {
      expect(planReplenishment(rop, facts({ backordered: 30 }))).toMatchObject({
        quantity: 30,
        reason: 'BACKORDERS',
        projected: -30,
      });
    });
  });

  it('rounds up to whole packs', () => {
    expect(planReplenishment(rule({ packSize: 6 }), facts({ onHand: 4 }))?.quantity).toBe(18);
    expect(planReplenishment(rule({ packSize: 0.5, high: 7.2 }), facts())?.quantity).toBe(7.5);
  });

  it('raises the quantity in packs to the minimum order value', () => {
    const r = rule({ packSize: 6, unitCostMinor: 1_000, minOrderValueMinor: 50_000 });
    // 16 wanted → 3 packs (18, 18 000) → 9 packs to reach 50 000 (54, 54 000)
    expect(planReplenishment(r, facts({ onHand: 4 }))).toMatchObject({
      quantity: 54,
      valueMinor: 54_000,
    });
    expect(planReplenishment(rule({ minOrderValueMinor: 10_000 }), facts())?.quantity).toBe(20);
  });

  it('counts open backorders as demand: BACKORDERS when they exceed on hand and incoming', () => {
    const plan = planReplenishment(rule(), facts({ onHand: 4, reserved: 4, backordered: 3 }));
    expect(plan).toEqual({ quantity: 23, valueMinor: 23_000, reason: 'BACKORDERS', projected: -3 });
  });

  it('counts incoming receipts: nothing while they lift projected stock above min', () => {
    expect(planReplenishment(rule(), facts({ onHand: 2, incoming: 10 }))).toBeNull();
    expect(planReplenishment(rule(), facts({ onHand: 2, incoming: 3 }))).toMatchObject({
      quantity: 15,
      reason: 'REORDER_POINT',
    });
    // Backorders covered by what is coming are not the reason.
    expect(planReplenishment(rule(), facts({ backordered: 3, incoming: 4 }))?.reason).toBe(
      'REORDER_POINT',
    );
  });

  it('projects on hand − reserved − backordered + incoming', () => {
    expect(projectedOf(facts({ onHand: 10, reserved: 4, backordered: 3, incoming: 0.1 }))).toBe(
      3.1,
    );
  });
});

describe('propose, approve, reject', () => {
  const now = Date.UTC(2026, 11, 4);
  const buy = { quantity: 15, valueMinor: 15_000, reason: 'REORDER_POINT' as const, projected: 5 };
  const ctx = { proposalId: 'p-1', now, autoApproveMaxMinor: 100_000 };

  it('auto-approves within the threshold, needed by now + lead time', () => {
    const { proposed, approved } = propose(rule(), facts({ onHand: 5 }), buy, ctx);
    expect(proposed).toMatchObject({ approval: 'AUTO', valueMinor: 15_000, onHand: 5, uom: 'EA' });
    expect(approved).toMatchObject({
      approvedBy: 'auto',
      approvedAt: now,
      neededBy: now + 3 * DAY,
    });
  });

  it('waits for an operator above the threshold, who may approve or reject it once', () => {
    const { proposed, approved } = propose(rule(), facts(), buy, {
      ...ctx,
      autoApproveMaxMinor: 14_999,
    });
    expect([proposed.approval, approved]).toEqual(['REQUIRED', null]);
    const pending: Proposal = {
      ...proposed,
      status: 'PENDING_APPROVAL',
      decidedBy: null,
      decidedAt: null,
      neededBy: null,
      purchaseId: null,
      statusReason: null,
    };
    expect(approve(pending, 'ops-anna', now + 1)).toMatchObject({
      approvedBy: 'ops-anna',
      neededBy: now + 1 + 3 * DAY,
    });
    expect(reject(pending, 'ops-anna', 'too dear', now)).toMatchObject({ reason: 'too dear' });
    const approvedOne = { ...pending, status: 'APPROVED' as const, decidedBy: 'ops-anna' };
    expect(() => approve(approvedOne, 'ops-bob', now)).toThrow(ReplenishmentError);
    expect(() => reject(approvedOne, 'ops-bob', 'late', now)).toThrow(
      expect.objectContaining({ code: 'PROPOSAL_NOT_PENDING' }) as Error,
    );
    expect(explain(approvedOne)).toMatch(/approved by ops-anna/);
    expect(explain({ ...pending, status: 'RECEIVED' })).toBeNull();
  });
});
