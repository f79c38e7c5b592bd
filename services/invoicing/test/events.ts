import { randomUUID } from 'node:crypto';
import type {
  OrderAccepted,
  PaymentReceived,
  ReturnReceived,
  ShipmentDispatched,
  StockReserved,
} from '@o2c/contracts';

/** An accepted order of 4 chairs (FURN-001, substitutable) and 1.5 KG of coffee. */
export const buildOrderAccepted = (overrides: Partial<OrderAccepted> = {}): OrderAccepted => ({
  orderId: randomUUID(),
  channelCode: 'webshop',
  channelOrderRef: `WEB-${randomUUID().slice(0, 8)}`,
  customerId: 'CUST-001',
  warehouseCode: 'WH',
  currency: 'EUR',
  lines: [
    {
      lineNo: 1,
      sku: 'FURN-001',
      quantity: 4,
      uom: 'EA',
      unitPriceMinor: 12_000,
      substitutionAllowed: true,
    },
    {
      lineNo: 2,
      sku: 'COFF-1KG',
      quantity: 1.5,
      uom: 'KG',
      unitPriceMinor: 1_833,
      substitutionAllowed: false,
    },
  ],
  totalMinor: 50_750,
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

type Line = [lineNo: number, sku: string, quantity: number, uom?: string];

const lines = (ls: Line[]) =>
  ls.map(([lineNo, sku, quantity, uom = 'EA']) => ({ lineNo, sku, quantity, uom }));

export const buildDispatched = (
  orderId: string,
  ls: Line[],
  lastShipment = false,
): ShipmentDispatched => ({
  orderId,
  shipmentId: randomUUID(),
  warehouseCode: 'WH',
  carrierCode: 'dhl',
  trackingNumber: `TRK-${randomUUID().slice(0, 8)}`,
  lines: lines(ls),
  lastShipment,
  dispatchedAt: Date.now(),
});

export const buildReserved = (orderId: string, ls: Line[]): StockReserved => ({
  orderId,
  reservationId: randomUUID(),
  warehouseCode: 'WH',
  lines: lines(ls).map((l) => ({
    ...l,
    orderedSku: l.sku.replace(/-B$/, ''),
    substituted: l.sku.endsWith('-B'),
  })),
  partial: false,
  reservedAt: Date.now(),
});

export const buildReturn = (orderId: string, shipmentId: string, ls: Line[]): ReturnReceived => ({
  orderId,
  returnId: randomUUID(),
  shipmentId,
  warehouseCode: 'WH',
  lines: lines(ls).map((l) => ({ ...l, condition: 'RESALEABLE' })),
  reasonCode: 'NOT_NEEDED',
  receivedAt: Date.now(),
});

export const buildPayment = (
  orderId: string,
  invoiceId: string,
  amountMinor: number,
): PaymentReceived => ({
  orderId,
  invoiceId,
  odooPaymentId: String(Math.floor(Math.random() * 1e9)),
  amountMinor,
  currency: 'EUR',
  paymentMethod: 'manual',
  fullyPaid: true,
  receivedAt: Date.now(),
});
