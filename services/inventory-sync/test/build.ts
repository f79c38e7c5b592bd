import { randomUUID } from 'node:crypto';
import type { ImportedLine, OrderAccepted, OrderImported, OrderLine } from '@o2c/contracts';

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

export const buildImportedLine = (overrides: Partial<ImportedLine> = {}): ImportedLine => ({
  lineNo: 1,
  sku: 'FURN-001',
  quantity: 2,
  uom: 'EA',
  unitPriceMinor: 12_000,
  deliveredQuantity: 0,
  invoicedQuantity: 0,
  ...overrides,
});

/** A confirmed Odoo sale order as o2c-ops bootstrap imports it through order-intake. */
export const buildImported = (
  lines: ImportedLine[] = [buildImportedLine()],
  overrides: Partial<OrderImported> = {},
): OrderImported => {
  const name = `S${randomUUID().slice(0, 6)}`;
  return {
    orderId: randomUUID(),
    channelCode: 'odoo-import',
    channelOrderRef: name,
    customerId: 'CUST-001',
    warehouseCode: 'WH',
    currency: 'EUR',
    lines,
    totalMinor: lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0),
    odooSaleOrderId: 42,
    odooSaleOrderName: name,
    odooClientOrderRef: null,
    deliveries: lines.some((l) => l.deliveredQuantity > 0) ? 1 : 0,
    invoices: [],
    orderedAt: Date.now() - 86_400_000,
    importedAt: Date.now(),
    ...overrides,
  };
};
