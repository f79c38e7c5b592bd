import { randomUUID } from 'node:crypto';
import type { OrderAccepted, OrderImported, StockReserved } from '@o2c/contracts';

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

/** A sale order bootstrap imported from Odoo: FURN-001 x2 and NAIL-BOX x3, nothing delivered. */
export function buildOrderImported(
  delivered: [number, number] = [0, 0],
  invoiced: [number, number] = [0, 0],
  overrides: Partial<OrderImported> = {},
): OrderImported {
  orderCounter += 1;
  const name = `S${String(orderCounter).padStart(5, '0')}-${randomUUID().slice(0, 4)}`;
  const line = (lineNo: 1 | 2, sku: string, quantity: number, uom: string, price: number) => ({
    lineNo,
    sku,
    quantity,
    uom,
    unitPriceMinor: price,
    deliveredQuantity: delivered[lineNo - 1]!,
    invoicedQuantity: invoiced[lineNo - 1]!,
  });
  return {
    orderId: randomUUID(),
    channelCode: 'odoo-import',
    channelOrderRef: name,
    customerId: 'CUST-001',
    warehouseCode: 'WH',
    currency: 'EUR',
    lines: [line(1, 'FURN-001', 2, 'EA', 1000), line(2, 'NAIL-BOX', 3, 'DZ', 200)],
    totalMinor: 2600,
    odooSaleOrderId: orderCounter,
    odooSaleOrderName: name,
    odooClientOrderRef: null,
    deliveries: 0,
    invoices: [],
    orderedAt: Date.now() - 86_400_000,
    importedAt: Date.now(),
    ...overrides,
  };
}
