import { randomUUID } from 'node:crypto';
import type { OrderAccepted, StockReserved } from '@o2c/contracts';

let orderCounter = 0;
export const postalCodeFor = () => `T${randomUUID().slice(0, 6)}`;

export function buildOrderAccepted(overrides: Partial<OrderAccepted> = {}): OrderAccepted {
  orderCounter += 1;
  return {
    orderId: randomUUID(),
    channelCode: 'webshop',
    channelOrderRef: `WEB-${orderCounter}`,
    customerId: 'CUST-001',
    warehouseCode: 'WH',
    currency: 'EUR',
    lines: [
      {
        lineNo: 1,
        sku: 'FURN-001',
        quantity: 2,
        uom: 'EA',
        unitPriceMinor: 1000,
        substitutionAllowed: true,
      },
      {
        lineNo: 2,
        sku: 'NAIL-BOX',
        quantity: 3,
        uom: 'DZ',
        unitPriceMinor: 200,
        substitutionAllowed: false,
      },
    ],
    totalMinor: 2600,
    shipTo: {
      name: 'Deco Addict',
      street: 'Rue des Palais 44',
      city: 'Brussels',
      postalCode: postalCodeFor(),
      countryCode: 'BE',
    },
    acceptedAt: Date.now(),
    requestedDeliveryAt: null,
    customerPurchaseOrderRef: null,
    ...overrides,
  };
}

/** A reservation of the given quantities of the order's lines (all of it by default). */
export function buildReserved(
  order: OrderAccepted,
  quantities: Record<number, number> = Object.fromEntries(
    order.lines.map((l) => [l.lineNo, l.quantity]),
  ),
): StockReserved {
  return {
    orderId: order.orderId,
    reservationId: randomUUID(),
    warehouseCode: order.warehouseCode,
    lines: order.lines
      .filter((l) => (quantities[l.lineNo] ?? 0) > 0)
      .map((l) => ({
        lineNo: l.lineNo,
        orderedSku: l.sku,
        sku: l.sku,
        quantity: quantities[l.lineNo]!,
        uom: l.uom,
        substituted: false,
      })),
    partial: false,
    reservedAt: Date.now(),
  };
}

/** fulfillment in-process on port 0 (or as a process), against the real Kafka, registry, Postgres and carrier-sim. */
