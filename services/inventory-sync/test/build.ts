import { randomUUID } from 'node:crypto';
import type { OrderAccepted, OrderLine } from '@o2c/contracts';

export const buildLine = (overrides: Partial<OrderLine> = {}): OrderLine => ({
  lineNo: 1,
  sku: 'FURN-001',
  quantity: 2,
  uom: 'EA',
  unitPriceMinor: 12_000,
  substitutionAllowed: false,
  ...overrides,
});

export const buildOrder = (
  lines: OrderLine[] = [buildLine()],
  overrides: Partial<OrderAccepted> = {},
): OrderAccepted => ({
  orderId: randomUUID(),
  channelCode: 'webshop',
  channelOrderRef: `WEB-${randomUUID().slice(0, 8)}`,
  customerId: 'CUST-001',
  warehouseCode: 'WH',
  currency: 'EUR',
  lines,
  totalMinor: lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0),
  shipTo: {
    name: 'Deco Addict',
    street: 'Rue des Palais 44',
    city: 'Brussels',
    postalCode: '1030',
    countryCode: 'BE',
  },
  acceptedAt: Date.now(),
  requestedDeliveryAt: null,
  customerPurchaseOrderRef: null,
  ...overrides,
});
