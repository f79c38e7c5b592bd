import { randomUUID } from 'node:crypto';
import type { OrderAccepted, StockReserved } from '@o2c/contracts';

export const buildOrderAccepted = (overrides: Partial<OrderAccepted> = {}): OrderAccepted => ({
  orderId: `ord-${randomUUID()}`,
  channelCode: 'webshop',
  channelOrderRef: `WEB-${randomUUID().slice(0, 8)}`,
  customerId: 'CUST-001',
  warehouseCode: 'WH1',
  currency: 'EUR',
  lines: [
    {
      lineNo: 1,
      sku: 'FURN-001',
      quantity: 2,
      uom: 'EA',
      unitPriceMinor: 12_000,
      substitutionAllowed: false,
    },
  ],
  totalMinor: 24_000,
  shipTo: {
    name: 'A. Buyer',
    street: 'Main St 1',
    city: 'Berlin',
    postalCode: '10115',
    countryCode: 'DE',
  },
  acceptedAt: Date.now(),
  requestedDeliveryAt: null,
  customerPurchaseOrderRef: null,
  ...overrides,
});

export const buildStockReserved = (orderId: string, reservedAt: number): StockReserved => ({
  orderId,
  reservationId: randomUUID(),
  warehouseCode: 'WH1',
  lines: [
    {
      lineNo: 1,
      orderedSku: 'FURN-001',
      sku: 'FURN-001',
      quantity: 2,
      uom: 'EA',
      substituted: false,
    },
  ],
  partial: false,
  reservedAt,
});
