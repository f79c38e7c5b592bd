import { postPurchaseOrder } from '../../adapters/supplier/supplier-client';
import { markSent, sendFailed, type PurchaseRow } from '../../adapters/db/purchase-ledger';
import { backoffMs } from '../../domain/purchase-lines';
import { messageOf, type PurchasingDeps } from './purchasing-deps';

/**
 * Sends a placed purchase order to its supplier until it answers 2xx (the supplier dedupes by
 * purchaseId), with back-off between tries; sent_at and send_attempts track it.
 */
export async function sendPurchase(purchase: PurchaseRow, deps: PurchasingDeps): Promise<void> {
  const { supplierUrl } = deps;
  if (!supplierUrl) return;
  const id = purchase.purchase_id;
  try {
    await postPurchaseOrder(
      supplierUrl,
      {
        purchaseId: id,
        supplierCode: purchase.supplier_code,
        odooReference: purchase.odoo_reference ?? '',
        warehouseCode: purchase.warehouse_code,
        currency: purchase.currency,
        datePlanned: (purchase.date_planned ?? new Date()).toISOString(),
        lines: (purchase.lines ?? []).map(({ lineNo, sku, quantity, uom, unitPriceMinor }) => ({
          lineNo,
          sku,
          quantity,
          uom,
          unitPriceMinor,
        })),
        callbackUrl: deps.callbackUrl,
      },
      deps.supplierTimeoutMs,
    );
    await markSent(deps.db, id);
    deps.metrics.delivery('sent');
    deps.logger.info(
      { purchaseId: id, supplierCode: purchase.supplier_code },
      'purchase order sent to the supplier',
    );
  } catch (error) {
    const delay = backoffMs(deps.retryBaseMs, purchase.send_attempts);
    await sendFailed(deps.db, id, messageOf(error), delay);
    deps.metrics.delivery('failed');
    deps.logger.warn(
      { err: error, purchaseId: id, attempts: purchase.send_attempts + 1, retryInMs: delay },
      'sending the purchase order to the supplier failed; retried',
    );
  }
}
