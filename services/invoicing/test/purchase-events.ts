import { randomUUID } from 'node:crypto';
import type {
  PurchaseOrderPlaced,
  PurchaseReceiptValidated,
  VendorBillReceived,
} from '@o2c/contracts';

/** 10 chairs at 50.00 and 4 KG of coffee at 12.00, placed with SUP-001. */
export const buildPlaced = (overrides: Partial<PurchaseOrderPlaced> = {}): PurchaseOrderPlaced => ({
  purchaseId: `PUR-${randomUUID()}`,
  odooPurchaseId: '7',
  odooReference: 'P00007',
  supplierCode: 'SUP-001',
  warehouseCode: 'WH',
  currency: 'EUR',
  lines: [
    {
      lineNo: 1,
      sku: 'FURN-001',
      quantity: 10,
      uom: 'EA',
      unitPriceMinor: 5_000,
      proposalIds: ['p1'],
    },
    {
      lineNo: 2,
      sku: 'COFF-1KG',
      quantity: 4,
      uom: 'KG',
      unitPriceMinor: 1_200,
      proposalIds: ['p2'],
    },
  ],
  datePlanned: Date.now() + 7 * 86_400_000,
  placedAt: Date.now(),
  ...overrides,
});

/** Everything of the purchase received in one receipt. */
export const buildReceipt = (
  placed: PurchaseOrderPlaced,
  received: number[] = placed.lines.map((l) => l.quantity),
): PurchaseReceiptValidated => ({
  purchaseId: placed.purchaseId,
  odooPickingId: String(Math.floor(Math.random() * 1e6)),
  odooPickingName: 'WH/IN/00001',
  lines: placed.lines.map((l, i) => ({
    lineNo: l.lineNo,
    sku: l.sku,
    quantity: received[i]!,
    receivedTotal: received[i]!,
    orderedQuantity: l.quantity,
    uom: l.uom,
    status: received[i]! < l.quantity ? 'PARTIAL' : 'COMPLETE',
  })),
  backorder: false,
  receivedAt: Date.now(),
});

/** A bill of the given quantities at the order's prices times `priceFactor`. */
export const buildBill = (
  placed: PurchaseOrderPlaced,
  quantities: number[] = placed.lines.map((l) => l.quantity),
  priceFactor = 1,
): VendorBillReceived => {
  const lines = placed.lines.map((l, i) => ({
    lineNo: l.lineNo,
    sku: l.sku,
    quantity: quantities[i]!,
    uom: l.uom,
    unitPriceMinor: Math.round(l.unitPriceMinor * priceFactor),
  }));
  return {
    purchaseId: placed.purchaseId,
    odooBillId: String(Math.floor(Math.random() * 1e9)),
    billReference: 'SUP-INV-1',
    currency: placed.currency,
    lines,
    amountUntaxedMinor: lines.reduce((s, l) => s + Math.round(l.quantity * l.unitPriceMinor), 0),
    recordedAt: Date.now(),
  };
};
