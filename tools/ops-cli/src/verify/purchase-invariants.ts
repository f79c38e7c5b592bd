import { diffLines } from './diff-lines';
import type { ByLine, PlatformFacts } from './facts';

type Add = (check: string, subjectId: string, message: string) => void;

const TERMINAL = new Set(['RECEIVED', 'REJECTED', 'REFUSED']);
const EPSILON = 1e-9;

export interface PurchaseCounts {
  purchases: number;
  proposals: number;
}

/**
 * Pure: procure-to-pay's invariants, reported against the purchase (or proposal) id.
 * 1. no purchase placed twice in Odoo (two purchase orders with one origin), none missing, and
 *    Odoo's received quantities per line are the ledger's once Odoo's order is settled (grace);
 * 2. per purchase line, matched bills bill at most what was received, within tolerance;
 * 3. every mismatched bill is an open exception or superseded by a later matched bill, and is
 *    not posted in Odoo;
 * 4. every replenishment proposal is terminal (RECEIVED, REJECTED, REFUSED) or explained:
 *    ORDERED on a purchase invoicing or Odoo knows, any other state with a reason.
 * Reports without purchases or proposals (services older than procure-to-pay) check nothing.
 */
export function checkPurchases(
  facts: PlatformFacts,
  opts: { now: number; graceMs: number },
  add: Add,
): PurchaseCounts {
  const purchases = facts.invoicing.purchases ?? {};
  const proposals = facts.inventory.proposals ?? {};
  const tolerance = (facts.invoicing.tolerancePercent ?? 2) / 100;
  const inOdoo = facts.odooPurchases;

  for (const [origin, pos] of Object.entries(inOdoo?.orders ?? {})) {
    if (pos.length > 1)
      add(
        'ODOO_PURCHASE_ORDER_TWICE',
        origin,
        `PO twice: ${pos.length} purchase orders in Odoo for purchase ${origin}: ` +
          pos.map((p) => `${p.name} (${p.state})`).join(', '),
      );
  }
  for (const [purchaseId, purchase] of Object.entries(purchases)) {
    const pos = inOdoo?.orders[purchaseId] ?? [];
    const po = pos.length === 1 ? pos[0]! : undefined;
    if (po && opts.now - po.writtenAt >= opts.graceMs) {
      const ledger: ByLine = Object.fromEntries(
        Object.entries(purchase.lines).map(([lineNo, l]) => [lineNo, l.received]),
      );
      const differ = diffLines(ledger, po.receivedByLine);
      if (differ.length)
        add(
          'ODOO_RECEIVED_NE_LEDGER',
          purchaseId,
          `purchase ${purchaseId} received in invoicing's ledger vs Odoo's qty_received (${po.name}): ${differ.join('; ')}`,
        );
    }
    if (inOdoo && !pos.length)
      add(
        'ODOO_PURCHASE_ORDER_MISSING',
        purchaseId,
        `purchase ${purchaseId} placed as ${purchase.odooReference}, but no purchase order in Odoo has it as origin`,
      );
    for (const [lineNo, l] of Object.entries(purchase.lines)) {
      if (l.billed > l.received * (1 + tolerance) + EPSILON)
        add(
          'BILLED_GT_RECEIVED',
          purchaseId,
          `purchase ${purchaseId} line ${lineNo} (${l.sku}): billed ${l.billed} by matched bills, ` +
            `received ${l.received} (tolerance ${tolerance * 100} %)`,
        );
    }
    purchase.bills.forEach((bill, i) => {
      if (bill.decision !== 'MISMATCHED') return;
      const what = bill.mismatches.map((m) => `${m.kind} on line ${m.lineNo}`).join(', ');
      const superseded = purchase.bills.slice(i + 1).some((b) => b.decision === 'MATCHED');
      if (!bill.open && !superseded)
        add(
          'MISMATCH_NOT_OPEN',
          purchaseId,
          `purchase ${purchaseId}: bill ${bill.odooBillId} mismatched (${what}) is neither an open exception nor superseded by a matched bill`,
        );
      const state = inOdoo?.billStates[bill.odooBillId];
      if (state === 'posted')
        add(
          'MISMATCHED_BILL_POSTED',
          purchaseId,
          `purchase ${purchaseId}: bill ${bill.odooBillId} mismatched (${what}) but posted in Odoo`,
        );
    });
  }
  // ORDERED is explained by its purchase, which invoicing or Odoo must know (inventory-sync's
  // reason only repeats the purchase id); other open states by their reason.
  const purchasesKnown = facts.invoicing.purchases !== undefined || inOdoo !== undefined;
  for (const [proposalId, p] of Object.entries(proposals)) {
    if (TERMINAL.has(p.status)) continue;
    const subject = `proposal ${proposalId} (${p.sku} at ${p.warehouseCode}) ${p.status}`;
    if (p.status === 'ORDERED' && purchasesKnown) {
      const known =
        p.purchaseId !== null &&
        (Boolean(purchases[p.purchaseId]) || Boolean(inOdoo?.orders[p.purchaseId]?.length));
      if (!known)
        add(
          'PROPOSAL_NOT_TERMINAL',
          proposalId,
          `${subject} on purchase ${p.purchaseId ?? '(none)'}, which neither invoicing nor Odoo knows`,
        );
    } else if (p.reason === null)
      add('PROPOSAL_NOT_TERMINAL', proposalId, `${subject}, with no reason`);
  }
  return { purchases: Object.keys(purchases).length, proposals: Object.keys(proposals).length };
}
