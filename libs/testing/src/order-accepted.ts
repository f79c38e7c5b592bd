import type { OrderAcceptedV1 } from '@o2c/contracts';

/** OrderAccepted as its v1 schema wrote it (no requestedDeliveryAt, no customerPurchaseOrderRef). */
export const buildOrderAcceptedV1 = (n = 1): OrderAcceptedV1 => ({
  orderId: `order-${n}`,
  channelCode: 'webshop',
  channelOrderRef: `W-${n}`,
  customerId: 'C-1',
  warehouseCode: 'WH1',
  currency: 'EUR',
  lines: [
    {
      lineNo: 1,
      sku: 'SKU-1',
      quantity: 2,
      uom: 'EA',
      unitPriceMinor: 1250,
      substitutionAllowed: false,
    },
  ],
  totalMinor: 2500,
  shipTo: { name: 'A', street: 'B 1', city: 'C', postalCode: '1', countryCode: 'DE' },
  acceptedAt: Date.UTC(2026, 0, 1) + n,
});
