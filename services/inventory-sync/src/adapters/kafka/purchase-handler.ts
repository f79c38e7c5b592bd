import type { EventRouter } from '@o2c/platform';
import {
  recordConfirmed,
  recordPlaced,
  recordRefused,
  recordReceipt,
} from '../../app/replenishment/purchases';

/**
 * odoo.purchases → proposals ORDERED, REFUSED or RECEIVED and the receipts still expected, in the
 * inbox transaction. VendorBillReceived, PurchaseExceptionRaised and any newer type are skipped.
 * A purchase not placed through a proposal of ours is logged and acknowledged.
 */
export const routePurchases = (router: EventRouter): EventRouter =>
  router
    .on('PurchaseOrderPlaced', async (placed, { trx, logger }) => {
      const outcome = await recordPlaced(trx, placed);
      logger.info({ purchaseId: placed.purchaseId, outcome }, 'purchase order placed');
    })
    .on('PurchaseOrderConfirmed', async (confirmed, { trx, logger }) => {
      const outcome = await recordConfirmed(trx, confirmed);
      logger.info({ purchaseId: confirmed.purchaseId, outcome }, 'purchase order confirmed');
    })
    .on('PurchaseOrderRefused', async (refused, { trx, logger }) => {
      const outcome = await recordRefused(trx, refused);
      logger.info({ purchaseId: refused.purchaseId, outcome }, 'purchase order refused');
    })
    .on('PurchaseReceiptValidated', async (receipt, { trx, logger }) => {
      const outcome = await recordReceipt(trx, receipt);
      logger.info({ purchaseId: receipt.purchaseId, outcome }, 'purchase receipt validated');
    });
