import type { CreditNote, Invoice, Order, OrderRecord, Shipment } from '../src/domain';

export const NOW = Date.UTC(2026, 10, 26, 12);
export const DAY = 86_400_000;

export const buildOrder = (overrides: Partial<Order> = {}): Order => ({
  orderId: 'ord-1',
  customerId: 'CUST-001',
  currency: 'EUR',
  cancelledAt: null,
  lines: [
    { lineNo: 1, sku: 'FURN-001', quantity: 4, uom: 'EA', unitPriceMinor: 12_000 },
    { lineNo: 2, sku: 'COFF-1KG', quantity: 1.5, uom: 'KG', unitPriceMinor: 1_833 },
  ],
  ...overrides,
});

export const buildShipment = (overrides: Partial<Shipment> = {}): Shipment => ({
  shipmentId: 'shp-1',
  orderId: 'ord-1',
  dispatchedAt: NOW,
  deliveredAt: null,
  lines: [
    { lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' },
    { lineNo: 2, sku: 'COFF-1KG', quantity: 1.5, uom: 'KG' },
  ],
  ...overrides,
});

export const buildInvoice = (overrides: Partial<Invoice> = {}): Invoice => ({
  invoiceId: 'inv-1',
  invoiceNumber: 'INV/2026/00001',
  orderId: 'ord-1',
  shipmentId: 'shp-1',
  customerId: 'CUST-001',
  currency: 'EUR',
  lines: [
    {
      lineNo: 1,
      sku: 'FURN-001',
      quantity: 2,
      uom: 'EA',
      unitPriceMinor: 12_000,
      amountMinor: 24_000,
      taxMinor: 0,
    },
    {
      lineNo: 2,
      sku: 'COFF-1KG',
      quantity: 1.5,
      uom: 'KG',
      unitPriceMinor: 1_833,
      amountMinor: 2_750,
      taxMinor: 0,
    },
  ],
  netMinor: 26_750,
  taxMinor: 0,
  totalMinor: 26_750,
  taxRateBps: 0,
  issuedAt: NOW,
  dueAt: NOW + 30 * DAY,
  ...overrides,
});

export const buildCreditNote = (overrides: Partial<CreditNote> = {}): CreditNote => ({
  creditNoteId: 'cn-1',
  creditNoteNumber: 'RINV/2026/00001',
  orderId: 'ord-1',
  invoiceId: 'inv-1',
  returnId: 'rma-1',
  currency: 'EUR',
  lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA', amountMinor: 12_000, taxMinor: 0 }],
  netMinor: 12_000,
  taxMinor: 0,
  totalMinor: 12_000,
  reasonCode: 'RETURN',
  issuedAt: NOW,
  ...overrides,
});

export const buildRecord = (overrides: Partial<OrderRecord> = {}): OrderRecord => ({
  order: buildOrder(),
  stock: [],
  shipments: [],
  invoices: [],
  creditNotes: [],
  payments: [],
  rejectedReturns: [],
  ...overrides,
});
