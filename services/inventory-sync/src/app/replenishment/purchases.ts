import type {
  PurchaseOrderConfirmed,
  PurchaseOrderPlaced,
  PurchaseOrderRefused,
  PurchaseReceiptValidated,
} from '@o2c/contracts';
import type { Knex } from 'knex';
import { loadCatalogue } from '../../adapters/db/catalogue-repository';
import { closeOrdered, markOrdered } from '../../adapters/db/proposal-repository';
import {
  expectNothingMore,
  insertPurchase,
  lockPurchase,
  setLine,
  setPurchase,
} from '../../adapters/db/purchase-repository';
import type { Catalogue } from '../../domain/catalogue';
import { baseUomOfSku, toBase } from '../../domain/units';

const inBase = (cat: Catalogue, sku: string, quantity: number, uom: string) => {
  const base = baseUomOfSku(cat, sku, uom);
  return { uom: base, quantity: toBase(cat, quantity, uom, base) };
};

const catalogueOf = (trx: Knex.Transaction, lines: ReadonlyArray<{ sku: string }>) =>
  loadCatalogue(
    trx,
    lines.map((l) => l.sku),
  );

/**
 * A purchase order placed for approved proposals: they become ORDERED, and each line is expected
 * in full. A purchase placed again (a republished event) changes nothing.
 */
export async function recordPlaced(
  trx: Knex.Transaction,
  placed: PurchaseOrderPlaced,
): Promise<'recorded' | 'duplicate'> {
  const cat = await catalogueOf(trx, placed.lines);
  const lines = placed.lines.map((l) => ({
    lineNo: l.lineNo,
    sku: l.sku,
    ...inBase(cat, l.sku, l.quantity, l.uom),
  }));
  if (!(await insertPurchase(trx, placed, lines))) return 'duplicate';
  await markOrdered(
    trx,
    placed.lines.flatMap((l) => l.proposalIds),
    placed.purchaseId,
  );
  return 'recorded';
}

/** The supplier's confirmation: expected quantities and date as confirmed (0: not delivered). */
export async function recordConfirmed(
  trx: Knex.Transaction,
  confirmed: PurchaseOrderConfirmed,
): Promise<'recorded' | 'unknown'> {
  const purchase = await lockPurchase(trx, confirmed.purchaseId);
  if (!purchase) return 'unknown';
  const cat = await catalogueOf(trx, confirmed.lines);
  for (const l of confirmed.lines) {
    const ordered = inBase(cat, l.sku, l.quantity, l.uom).quantity;
    await setLine(trx, confirmed.purchaseId, l.lineNo, { ordered });
  }
  // A purchase already refused or received stays so; its lines expect nothing.
  if (purchase.status === 'REFUSED' || purchase.status === 'RECEIVED') {
    await expectNothingMore(trx, confirmed.purchaseId);
  } else {
    await setPurchase(trx, confirmed.purchaseId, {
      status: 'CONFIRMED',
      date_planned: confirmed.datePlanned,
    });
  }
  return 'recorded';
}

/** The supplier refused: nothing comes, and the proposals end REFUSED (the planner may buy again). */
export async function recordRefused(
  trx: Knex.Transaction,
  refused: PurchaseOrderRefused,
): Promise<'recorded' | 'unknown'> {
  if (!(await lockPurchase(trx, refused.purchaseId))) return 'unknown';
  await setPurchase(trx, refused.purchaseId, { status: 'REFUSED', refusal_reason: refused.reason });
  await expectNothingMore(trx, refused.purchaseId);
  await closeOrdered(
    trx,
    refused.purchaseId,
    'REFUSED',
    `refused by the supplier: ${refused.reason}`,
  );
  return 'recorded';
}

/**
 * A receipt validated in Odoo: each line's received total, so what is expected is the rest of
 * what was ordered. Without a backorder nothing more comes: the proposals are RECEIVED. The stock
 * itself arrives through odoo.stock (StockQuantChanged), which fills backorders.
 */
export async function recordReceipt(
  trx: Knex.Transaction,
  receipt: PurchaseReceiptValidated,
): Promise<'recorded' | 'unknown'> {
  if (!(await lockPurchase(trx, receipt.purchaseId))) return 'unknown';
  const cat = await catalogueOf(trx, receipt.lines);
  for (const l of receipt.lines) {
    await setLine(trx, receipt.purchaseId, l.lineNo, {
      ordered: inBase(cat, l.sku, l.orderedQuantity, l.uom).quantity,
      receivedTotal: inBase(cat, l.sku, l.receivedTotal, l.uom).quantity,
    });
  }
  if (!receipt.backorder) {
    await expectNothingMore(trx, receipt.purchaseId);
    await setPurchase(trx, receipt.purchaseId, { status: 'RECEIVED' });
    await closeOrdered(trx, receipt.purchaseId, 'RECEIVED', null);
  }
  return 'recorded';
}
