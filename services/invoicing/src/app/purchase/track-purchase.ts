import type {
  PurchaseOrderConfirmed,
  PurchaseOrderPlaced,
  PurchaseOrderRefused,
  PurchaseReceiptValidated,
} from '@o2c/contracts';
import type { Knex } from 'knex';
import {
  lockPurchase,
  saveConfirmation,
  savePlacedPurchase,
  saveReceipt,
  saveRefusal,
} from '../../adapters/db/purchase-repository';

type Outcome = 'recorded' | 'duplicate' | 'unknown-purchase';

/**
 * The purchase ledger, fed by odoo.purchases (keyed by purchase id, so a purchase's events come
 * in order): what was ordered at which price, what the supplier confirmed, what was received.
 * An event for a purchase never placed is acknowledged and reported as such.
 */
export async function recordPurchasePlaced(
  trx: Knex.Transaction,
  placed: PurchaseOrderPlaced,
): Promise<Outcome> {
  await lockPurchase(trx, placed.purchaseId);
  return (await savePlacedPurchase(trx, placed)) ? 'recorded' : 'duplicate';
}

export async function recordPurchaseConfirmed(
  trx: Knex.Transaction,
  confirmed: PurchaseOrderConfirmed,
): Promise<Outcome> {
  await lockPurchase(trx, confirmed.purchaseId);
  return (await saveConfirmation(trx, confirmed)) ? 'recorded' : 'unknown-purchase';
}

export async function recordPurchaseRefused(
  trx: Knex.Transaction,
  refused: PurchaseOrderRefused,
): Promise<Outcome> {
  await lockPurchase(trx, refused.purchaseId);
  return (await saveRefusal(trx, refused)) ? 'recorded' : 'unknown-purchase';
}

export async function recordPurchaseReceipt(
  trx: Knex.Transaction,
  receipt: PurchaseReceiptValidated,
): Promise<Outcome> {
  await lockPurchase(trx, receipt.purchaseId);
  return (await saveReceipt(trx, receipt)) ? 'recorded' : 'unknown-purchase';
}
