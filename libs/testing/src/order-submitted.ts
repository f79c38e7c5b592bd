import { randomUUID } from 'node:crypto';
import type { OrderSubmitted } from '@o2c/contracts';

/** A valid OrderSubmitted of the seeded master data (webshop, CUST-001, one FURN-002 from WH2). */
export const buildOrderSubmitted = (overrides: Partial<OrderSubmitted> = {}): OrderSubmitted => ({
  channelCode: 'webshop',
  channelOrderRef: `WEB-${randomUUID().slice(0, 8)}`,
  submittedAt: Date.now(),
  customerRef: 'CUST-001',
  currency: 'EUR',
  lines: [
    {
      lineRef: '1',
      sku: 'FURN-002',
      quantity: 1,
      uom: 'EA',
      unitPriceMinor: 35_000,
      substitutionAllowed: null,
    },
  ],
  shipTo: null,
  warehouseCode: 'WH2',
  requestedDeliveryAt: null,
  note: null,
  ...overrides,
});
