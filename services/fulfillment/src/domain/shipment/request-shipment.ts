import type { StockReserved } from '@o2c/contracts';
import type { DecideContext, Decision, Line } from './types';

/** A reservation becomes one shipment: its pick request now, its booking by the worker at once. */
export function requestShipment(reserved: StockReserved, { now, newId }: DecideContext): Decision {
  const lines: Line[] = reserved.lines.map((l) => ({
    lineNo: l.lineNo,
    sku: l.sku,
    quantity: l.quantity,
    uom: l.uom,
  }));
  const shipment = {
    shipmentId: newId(),
    orderId: reserved.orderId,
    reservationId: reserved.reservationId,
    warehouseCode: reserved.warehouseCode,
    lines,
    state: 'BOOKING' as const,
    carrierIndex: 0,
    attempts: 0,
    totalAttempts: 0,
    carrierCode: null,
    trackingNumber: null,
    nextAttemptAt: now,
    deadlineAt: null,
  };
  return {
    shipment,
    events: [
      {
        type: 'FulfillmentRequested',
        data: {
          orderId: reserved.orderId,
          shipmentId: shipment.shipmentId,
          reservationId: reserved.reservationId,
          warehouseCode: reserved.warehouseCode,
          lines,
          requestedAt: now,
        },
      },
    ],
    note: `pick requested for reservation ${reserved.reservationId}`,
  };
}
