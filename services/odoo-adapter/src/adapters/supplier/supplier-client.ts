import { tracedFetch } from '@o2c/observability';

/** The purchase order a supplier receives (`POST {SUPPLIER_URL}/purchase-orders`). */
export interface SupplierPurchaseOrder {
  purchaseId: string;
  supplierCode: string;
  odooReference: string;
  warehouseCode: string;
  currency: string;
  /** ISO 8601. */
  datePlanned: string;
  lines: Array<{
    lineNo: number;
    sku: string;
    quantity: number;
    uom: string;
    unitPriceMinor: number;
  }>;
  callbackUrl: string;
}

/** Posts a purchase order to the supplier; resolves on 2xx, throws with the status otherwise. */
export async function postPurchaseOrder(
  supplierUrl: string,
  order: SupplierPurchaseOrder,
  timeoutMs: number,
): Promise<number> {
  const res = await tracedFetch(`${supplierUrl.replace(/\/$/, '')}/purchase-orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(order),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`supplier answered ${res.status}: ${text.slice(0, 200)}`);
  return res.status;
}
