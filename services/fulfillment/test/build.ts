import type { StockReserved } from '@o2c/contracts';
import type { OrderView, SagaPolicy, Shipment } from '../src/domain';

export const NOW = Date.UTC(2026, 10, 26, 12);
export const ctx = { now: NOW, newId: () => 'id-new' };

export const policy: SagaPolicy = {
  carriers: ['dhl', 'ups'],
  maxAttemptsPerCarrier: 3,
  backoffInitialMs: 500,
  backoffMaxMs: 10_000,
  dispatchTimeoutMs: 60_000,
  deliveryTimeoutMs: 600_000,
};

export const buildShipment = (overrides: Partial<Shipment> = {}): Shipment => ({
  shipmentId: 'shp-1',
  orderId: 'ord-1',
  reservationId: 'res-1',
  warehouseCode: 'WH',
  lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' }],
  state: 'BOOKING',
  carrierIndex: 0,
  attempts: 0,
  totalAttempts: 0,
  carrierCode: null,
  trackingNumber: null,
  nextAttemptAt: NOW,
  deadlineAt: null,
  ...overrides,
});

export const booked = (overrides: Partial<Shipment> = {}) =>
  buildShipment({
    state: 'BOOKED',
    carrierCode: 'dhl',
    trackingNumber: 'DHL1',
    attempts: 1,
    totalAttempts: 1,
    nextAttemptAt: null,
    deadlineAt: NOW + 60_000,
    ...overrides,
  });

export const buildReserved = (overrides: Partial<StockReserved> = {}): StockReserved => ({
  orderId: 'ord-1',
  reservationId: 'res-1',
  warehouseCode: 'WH',
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
  reservedAt: NOW - 1000,
  ...overrides,
});

export const buildView = (overrides: Partial<OrderView> = {}): OrderView => ({
  cancelled: false,
  lines: [
    { lineNo: 1, quantity: 2 },
    { lineNo: 2, quantity: 5 },
  ],
  shipments: [],
  releases: [],
  openBackorders: {},
  ...overrides,
});
