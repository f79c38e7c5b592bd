import { checkInvariants } from './check-invariants';
import type {
  ByLine,
  InventoryProposal,
  InvoicingPurchase,
  OdooPurchases,
  PlatformFacts,
} from './facts';

const NOW = 1_800_000_000_000;
const OLD = NOW - 600_000;
const opts = { now: NOW, graceMs: 120_000 };

const report = (service: string) => ({ service, checkedAt: NOW, violations: [], orders: {} });

/** PUR-1: 10 ordered, 10 received, 10 billed by one matched bill. */
const purchase = (o: Partial<InvoicingPurchase> = {}): InvoicingPurchase => ({
  status: 'CONFIRMED',
  odooReference: 'P00001',
  lines: { '1': { sku: 'FURN-001', ordered: 10, received: 10, billed: 10 } },
  bills: [{ odooBillId: '41', decision: 'MATCHED', open: false, mismatches: [] }],
  ...o,
});
const proposal = (o: Partial<InventoryProposal> = {}): InventoryProposal => ({
  status: 'RECEIVED',
  sku: 'FURN-001',
  warehouseCode: 'WH',
  purchaseId: 'PUR-1',
  reason: null,
  ...o,
});
/** Odoo's purchase order of PUR-1, settled, with the ledger's received quantities. */
const po = (name = 'P00001', state = 'purchase', receivedByLine: ByLine = { '1': 10 }) => ({
  name,
  state,
  writtenAt: OLD,
  receivedByLine,
});
const priceMismatch = (odooBillId: string, open: boolean) => ({
  odooBillId,
  decision: 'MISMATCHED' as const,
  open,
  mismatches: [{ lineNo: 1, kind: 'PRICE' }],
});

function given(over: {
  purchases?: Record<string, InvoicingPurchase>;
  proposals?: Record<string, InventoryProposal>;
  odoo?: Partial<OdooPurchases> | null;
  tolerancePercent?: number;
}): PlatformFacts {
  const odoo: OdooPurchases = {
    orders: { 'PUR-1': [po()] },
    billStates: {},
    ...over.odoo,
  };
  return {
    intake: report('order-intake'),
    inventory: { ...report('inventory-sync'), proposals: over.proposals ?? { p1: proposal() } },
    fulfillment: report('fulfillment'),
    invoicing: {
      ...report('invoicing'),
      tolerancePercent: over.tolerancePercent ?? 2,
      purchases: over.purchases ?? { 'PUR-1': purchase() },
    },
    ...(over.odoo === null ? {} : { odooPurchases: odoo }),
  };
}

const violations = (facts: PlatformFacts) =>
  checkInvariants(facts, opts).violations.map((v) => [v.check, v.orderId, v.message]);

describe('verify: procure-to-pay invariants', () => {
  it('a purchase ordered, received, billed and matched, its proposal received: no violation', () => {
    const result = checkInvariants(given({}), opts);
    expect(result.violations).toEqual([]);
    expect(result).toMatchObject({ ok: true, purchases: 1, proposals: 1 });
  });

  it('checks nothing of purchases in reports older than procure-to-pay', () => {
    const facts = given({ odoo: null });
    delete facts.invoicing.purchases;
    delete facts.inventory.proposals;
    expect(checkInvariants(facts, opts)).toMatchObject({ ok: true, purchases: 0, proposals: 0 });
  });

  it('reports a purchase placed twice in Odoo, and one missing there', () => {
    const facts = given({
      purchases: { 'PUR-1': purchase(), 'PUR-2': purchase({ odooReference: 'P00009' }) },
      odoo: {
        orders: {
          'PUR-1': [po(), po('P00002', 'draft', {})],
        },
      },
    });
    expect(violations(facts)).toEqual([
      [
        'ODOO_PURCHASE_ORDER_TWICE',
        'PUR-1',
        'PO twice: 2 purchase orders in Odoo for purchase PUR-1: P00001 (purchase), P00002 (draft)',
      ],
      [
        'ODOO_PURCHASE_ORDER_MISSING',
        'PUR-2',
        'purchase PUR-2 placed as P00009, but no purchase order in Odoo has it as origin',
      ],
    ]);
  });

  it("reports Odoo's received quantities differing from the ledger's once Odoo's order is settled", () => {
    const facts = given({ odoo: { orders: { 'PUR-1': [po('P00001', 'purchase', { '1': 8 })] } } });
    expect(violations(facts)).toEqual([
      [
        'ODOO_RECEIVED_NE_LEDGER',
        'PUR-1',
        "purchase PUR-1 received in invoicing's ledger vs Odoo's qty_received (P00001): line 1: 10 vs 8",
      ],
    ]);
    facts.odooPurchases!.orders['PUR-1']![0]!.writtenAt = NOW - 1_000;
    expect(violations(facts)).toEqual([]);
  });

  it('matched bills may bill up to received plus the tolerance, not beyond', () => {
    const billed = (n: number) =>
      given({
        purchases: {
          'PUR-1': purchase({
            lines: { '1': { sku: 'FURN-001', ordered: 10, received: 10, billed: n } },
          }),
        },
      });
    expect(violations(billed(10.2))).toEqual([]);
    expect(violations(billed(10.3))).toEqual([
      [
        'BILLED_GT_RECEIVED',
        'PUR-1',
        'purchase PUR-1 line 1 (FURN-001): billed 10.3 by matched bills, received 10 (tolerance 2 %)',
      ],
    ]);
    const strict = given({
      tolerancePercent: 0,
      purchases: {
        'PUR-1': purchase({
          lines: { '1': { sku: 'FURN-001', ordered: 10, received: 10, billed: 10.2 } },
        }),
      },
    });
    expect(violations(strict).map(([check]) => check)).toEqual(['BILLED_GT_RECEIVED']);
  });

  it('an open mismatched bill is explained; one superseded by a later matched bill too', () => {
    const open = purchase({ bills: [priceMismatch('41', true)] });
    const superseded = purchase({
      bills: [
        priceMismatch('41', false),
        { odooBillId: '42', decision: 'MATCHED', open: false, mismatches: [] },
      ],
    });
    expect(violations(given({ purchases: { 'PUR-1': open } }))).toEqual([]);
    expect(violations(given({ purchases: { 'PUR-1': superseded } }))).toEqual([]);
  });

  it('reports a mismatched bill neither open nor superseded, and one posted in Odoo', () => {
    const facts = given({
      purchases: {
        'PUR-1': purchase({
          bills: [
            { odooBillId: '40', decision: 'MATCHED', open: false, mismatches: [] },
            priceMismatch('41', false),
            priceMismatch('43', true),
          ],
        }),
      },
      odoo: { billStates: { '41': 'draft', '43': 'posted' } },
    });
    expect(violations(facts)).toEqual([
      [
        'MISMATCH_NOT_OPEN',
        'PUR-1',
        'purchase PUR-1: bill 41 mismatched (PRICE on line 1) is neither an open exception nor superseded by a matched bill',
      ],
      [
        'MISMATCHED_BILL_POSTED',
        'PUR-1',
        'purchase PUR-1: bill 43 mismatched (PRICE on line 1) but posted in Odoo',
      ],
    ]);
  });

  it('every proposal is terminal or explained', () => {
    const facts = given({
      proposals: {
        received: proposal(),
        rejected: proposal({ status: 'REJECTED', purchaseId: null, reason: 'operator: overstock' }),
        refused: proposal({ status: 'REFUSED' }),
        pending: proposal({ status: 'PENDING_APPROVAL', purchaseId: null, reason: 'above 500.00' }),
        ordered: proposal({ status: 'ORDERED' }),
        orderedUnknown: proposal({
          status: 'ORDERED',
          purchaseId: 'PUR-404',
          reason: 'on purchase PUR-404, receipt expected',
        }),
        approved: proposal({ status: 'APPROVED', purchaseId: null }),
      },
    });
    expect(violations(facts)).toEqual([
      [
        'PROPOSAL_NOT_TERMINAL',
        'orderedUnknown',
        'proposal orderedUnknown (FURN-001 at WH) ORDERED on purchase PUR-404, which neither invoicing nor Odoo knows',
      ],
      [
        'PROPOSAL_NOT_TERMINAL',
        'approved',
        'proposal approved (FURN-001 at WH) APPROVED, with no reason',
      ],
    ]);
  });

  it('an ORDERED proposal is explained by its reason when neither invoicing nor Odoo report purchases', () => {
    const facts = given({
      odoo: null,
      proposals: {
        p1: proposal({ status: 'ORDERED', purchaseId: 'PUR-9', reason: 'on purchase PUR-9' }),
      },
    });
    delete facts.invoicing.purchases;
    expect(violations(facts)).toEqual([]);
  });

  it('a proposal ORDERED on a purchase only Odoo knows yet is explained', () => {
    const facts = given({
      purchases: {},
      proposals: { p1: proposal({ status: 'ORDERED', purchaseId: 'PUR-1' }) },
    });
    expect(violations(facts)).toEqual([]);
  });
});
