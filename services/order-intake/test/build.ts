import { randomUUID } from 'node:crypto';
import type { ImportCandidate, MasterData, OrderState, SubmitOrder } from '../src/domain/order';

export const buildMasterData = (): MasterData => ({
  skus: new Map([
    ['FURN-001', { uom: 'EA', substitutionAllowed: true, active: true }],
    ['FURN-002', { uom: 'EA', substitutionAllowed: false, active: true }],
    ['SCRW-12', { uom: 'DZ', substitutionAllowed: false, active: true }],
    ['COFF-1KG', { uom: 'KG', substitutionAllowed: false, active: true }],
    ['OLD-01', { uom: 'EA', substitutionAllowed: false, active: false }],
  ]),
  uoms: new Map([
    ['EA', { fractional: false }],
    ['DZ', { fractional: false }],
    ['KG', { fractional: true }],
  ]),
  customers: new Map([
    [
      'CUST-001',
      {
        currency: 'EUR',
        active: true,
        defaultShipTo: {
          name: 'Deco Addict',
          street: 'Rue des Palais 44',
          city: 'Brussels',
          postalCode: '1030',
          countryCode: 'BE',
        },
      },
    ],
    [
      'CUST-002',
      { currency: 'EUR', active: true, defaultShipTo: { name: 'Azure Interior', city: 'Lyon' } },
    ],
    ['CUST-OLD', { currency: 'EUR', active: false, defaultShipTo: { name: 'Gone' } }],
  ]),
  warehouses: new Map([
    ['WH', { active: true }],
    ['WH2', { active: true }],
    ['WH-OLD', { active: false }],
  ]),
  defaultWarehouse: 'WH',
  aliases: {
    skus: new Map([['SHOP-CHAIR', 'FURN-001']]),
    customers: new Map([['shop-42', 'CUST-001']]),
  },
});

export const buildSubmitOrder = (overrides: Partial<SubmitOrder['data']> = {}): SubmitOrder => ({
  type: 'SubmitOrder',
  data: {
    channelCode: 'webshop',
    channelOrderRef: 'WEB-1001',
    customerRef: 'CUST-001',
    currency: 'EUR',
    lines: [
      { sku: 'FURN-001', quantity: 2, uom: 'EA', unitPriceMinor: 12_000 },
      { sku: 'COFF-1KG', quantity: 1.5, uom: 'KG', unitPriceMinor: 1_800 },
    ],
    shipTo: null,
    warehouseCode: null,
    ...overrides,
  },
});

export const buildState = (overrides: Partial<OrderState> = {}): OrderState => ({
  orderId: 'ord-1',
  status: 'accepted',
  ...overrides,
});

export const buildOrderBody = (overrides: Record<string, unknown> = {}) => ({
  channelCode: 'rest',
  channelOrderRef: `REST-${randomUUID().slice(0, 8)}`,
  customerRef: 'CUST-001',
  currency: 'EUR',
  lines: [
    { sku: 'FURN-001', quantity: 2, uom: 'EA', unitPriceMinor: 12_000 },
    { sku: 'SCRW-12', quantity: 3, uom: 'DZ', unitPriceMinor: 950 },
  ],
  ...overrides,
});

/** An open sale order of Odoo's, partly delivered and invoiced, in the master data's codes. */
export function buildImportCandidate(overrides: Partial<ImportCandidate> = {}): ImportCandidate {
  const name = `S${randomUUID().slice(0, 8)}`;
  return {
    channelCode: 'odoo-import',
    channelOrderRef: name,
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
        deliveredQuantity: 2,
        invoicedQuantity: 2,
      },
      {
        lineNo: 2,
        sku: 'COFF-1KG',
        quantity: 2.5,
        uom: 'KG',
        unitPriceMinor: 1_800,
        deliveredQuantity: 0,
        invoicedQuantity: 0,
      },
    ],
    totalMinor: 52_500,
    odooSaleOrderId: 4242,
    odooSaleOrderName: name,
    odooClientOrderRef: 'LEGACY-77',
    deliveries: 1,
    invoices: [{ odooInvoiceId: 901, name: 'INV/2026/00012', totalMinor: 29_040 }],
    orderedAt: Date.UTC(2026, 10, 1, 9),
    ...overrides,
  };
}
