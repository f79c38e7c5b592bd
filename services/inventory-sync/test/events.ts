import { randomUUID } from 'node:crypto';
import type {
  FulfillmentFailed,
  FulfillmentRequested,
  ReturnReceived,
  ShipmentDispatched,
  StockQuantChanged,
} from '@o2c/contracts';

let writeDate = Date.UTC(2026, 10, 26);

/** Odoo's totals for a position, each newer than the last unless a write date is given. */
export const buildQuant = (
  sku: string,
  warehouseCode: string,
  quantityOnHand: number,
  overrides: Partial<StockQuantChanged> = {},
): StockQuantChanged => ({
  sku,
  odooProductId: '1',
  warehouseCode,
  quantityOnHand,
  reservedQuantity: 0,
  uom: 'EA',
  odooWriteDate: (writeDate += 1000),
  readAt: null,
  ...overrides,
});

export const buildRequested = (
  orderId: string,
  reservationId: string,
  warehouseCode: string,
  lines: FulfillmentRequested['lines'],
): FulfillmentRequested => ({
  orderId,
  shipmentId: randomUUID(),
  reservationId,
  warehouseCode,
  lines,
  requestedAt: Date.now(),
});

export const buildDispatched = (req: FulfillmentRequested): ShipmentDispatched => ({
  orderId: req.orderId,
  shipmentId: req.shipmentId,
  warehouseCode: req.warehouseCode,
  carrierCode: 'dhl',
  trackingNumber: 'TRK-1',
  lines: req.lines,
  lastShipment: true,
  dispatchedAt: Date.now(),
});

export const buildFailed = (
  req: FulfillmentRequested,
  compensation = 'RELEASE_AND_ESCALATE',
): FulfillmentFailed => ({
  orderId: req.orderId,
  shipmentId: req.shipmentId,
  stage: 'BOOKING',
  code: 'CARRIER_REJECTED',
  message: 'no carrier left',
  attempts: 3,
  compensation,
  failedAt: Date.now(),
});

export const buildReturn = (
  req: FulfillmentRequested,
  lines: ReturnReceived['lines'],
): ReturnReceived => ({
  orderId: req.orderId,
  returnId: randomUUID(),
  shipmentId: req.shipmentId,
  warehouseCode: req.warehouseCode,
  lines,
  reasonCode: 'NOT_NEEDED',
  receivedAt: Date.now(),
});
