import { randomUUID } from 'node:crypto';
import type {
  CreditNoteIssued,
  InvoiceIssued,
  OrderAccepted,
  OrderImported,
  ReturnReceived,
  ShipmentDispatched,
} from '@o2c/contracts';

export const buildOrderAccepted = (overrides: Partial<OrderAccepted> = {}): OrderAccepted => ({
  orderId: `ord-${randomUUID()}`,
  channelCode: 'webshop',
  channelOrderRef: `WEB-${randomUUID().slice(0, 8)}`,
  customerId: 'CUST-001',
  warehouseCode: 'WH',
  currency: 'EUR',
  lines: [
    {
      lineNo: 1,
      sku: 'FURN-001',
      quantity: 3,
      uom: 'EA',
      unitPriceMinor: 12_000,
      substitutionAllowed: false,
    },
    {
      lineNo: 2,
      sku: 'FURN-002',
      quantity: 1,
      uom: 'EA',
      unitPriceMinor: 35_000,
      substitutionAllowed: false,
    },
  ],
  totalMinor: 71_000,
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

export const buildShipment = (
  orderId: string,
  lines: ShipmentDispatched['lines'],
  lastShipment: boolean,
): ShipmentDispatched => ({
  orderId,
  shipmentId: `shp-${randomUUID()}`,
  warehouseCode: 'WH',
  carrierCode: 'STD',
  trackingNumber: `TRK${randomUUID().slice(0, 10)}`,
  lines,
  lastShipment,
  dispatchedAt: Date.now(),
});

/** An invoice of `lines` (two FURN-001 by default) at 120.00 each. */
export const buildInvoice = (
  orderId: string,
  shipmentIds: string[],
  lines: Array<{ lineNo: number; sku: string; quantity: number }> = [
    { lineNo: 1, sku: 'FURN-001', quantity: 2 },
  ],
): InvoiceIssued => {
  const total = lines.reduce((sum, l) => sum + l.quantity * 12_000, 0);
  return {
    orderId,
    invoiceId: `inv-${randomUUID()}`,
    invoiceNumber: `INV-${randomUUID().slice(0, 6)}`,
    shipmentIds,
    customerId: 'CUST-001',
    currency: 'EUR',
    lines: lines.map((l) => ({
      ...l,
      uom: 'EA',
      unitPriceMinor: 12_000,
      amountMinor: l.quantity * 12_000,
    })),
    netMinor: total,
    taxMinor: 0,
    totalMinor: total,
    issuedAt: Date.now(),
    dueAt: Date.now() + 30 * 86_400_000,
  };
};

/** A credit note for one returned FURN-001 against `invoiceId`. */
export const buildCreditNote = (orderId: string, invoiceId: string): CreditNoteIssued => ({
  orderId,
  creditNoteId: `cn-${randomUUID()}`,
  creditNoteNumber: `RINV-${randomUUID().slice(0, 6)}`,
  invoiceId,
  returnId: `rma-${randomUUID()}`,
  currency: 'EUR',
  lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA', amountMinor: 12_000 }],
  totalMinor: 12_000,
  reasonCode: 'RETURN',
  issuedAt: Date.now(),
});

/** Goods of a shipment back at the warehouse. */
export const buildReturn = (
  shipment: ShipmentDispatched,
  lines: ReturnReceived['lines'],
): ReturnReceived => ({
  orderId: shipment.orderId,
  returnId: `rma-${randomUUID()}`,
  shipmentId: shipment.shipmentId,
  warehouseCode: shipment.warehouseCode,
  lines,
  reasonCode: 'NOT_NEEDED',
  receivedAt: Date.now(),
});

/**
 * A confirmed Odoo sale order as bootstrap imports it: 3 × FURN-001 at 120.00 and 1 × FURN-002 at
 * 350.00, of which `delivered` and `invoiced` (per line) Odoo holds.
 */
export const buildOrderImported = (
  saleOrder: { id: number; name: string },
  overrides: Partial<OrderImported> = {},
  { delivered = [0, 0], invoiced = [0, 0] }: { delivered?: number[]; invoiced?: number[] } = {},
): OrderImported => {
  const lines = [
    { lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA', unitPriceMinor: 12_000 },
    { lineNo: 2, sku: 'FURN-002', quantity: 1, uom: 'EA', unitPriceMinor: 35_000 },
  ].map((l, i) => ({
    ...l,
    deliveredQuantity: delivered[i] ?? 0,
    invoicedQuantity: invoiced[i] ?? 0,
  }));
  const invoicedMinor = lines.reduce((s, l) => s + l.invoicedQuantity * l.unitPriceMinor, 0);
  return {
    orderId: `ord-${randomUUID()}`,
    channelCode: 'odoo-import',
    channelOrderRef: saleOrder.name,
    customerId: 'CUST-001',
    warehouseCode: 'WH',
    currency: 'EUR',
    lines,
    totalMinor: 71_000,
    odooSaleOrderId: saleOrder.id,
    odooSaleOrderName: saleOrder.name,
    odooClientOrderRef: `LEG-${randomUUID().slice(0, 8)}`,
    deliveries: delivered.some((q) => q > 0) ? 1 : 0,
    invoices: invoicedMinor
      ? [
          {
            odooInvoiceId: 900 + saleOrder.id,
            name: `INV/${saleOrder.name}`,
            totalMinor: invoicedMinor,
          },
        ]
      : [],
    orderedAt: Date.now() - 86_400_000,
    importedAt: Date.now(),
    ...overrides,
  };
};
