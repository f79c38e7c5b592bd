import { randomUUID } from 'node:crypto';
import type { OrderImported } from '@o2c/contracts';

type Line = [delivered: number, invoiced: number];

let nextOdooId = Math.floor(Math.random() * 1e6) * 100;

/** A posted Odoo invoice of an imported order, with a fresh Odoo id and name. */
export const buildImportedInvoice = (totalMinor: number) => {
  const odooInvoiceId = ++nextOdooId;
  return { odooInvoiceId, name: `INV/2026/${odooInvoiceId}`, totalMinor };
};

/**
 * An imported sale order of 4 chairs (FURN-001, line 1) and 1.5 KG of coffee (COFF-1KG, line 2),
 * as Odoo holds it: [delivered, invoiced] per line and the posted invoices.
 */
export const buildOrderImported = (
  [chairs, coffee]: [Line, Line],
  invoices: OrderImported['invoices'] = [],
  overrides: Partial<OrderImported> = {},
): OrderImported => {
  const name = `S${randomUUID().slice(0, 8)}`;
  return {
    orderId: randomUUID(),
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
        deliveredQuantity: chairs[0],
        invoicedQuantity: chairs[1],
      },
      {
        lineNo: 2,
        sku: 'COFF-1KG',
        quantity: 1.5,
        uom: 'KG',
        unitPriceMinor: 1_833,
        deliveredQuantity: coffee[0],
        invoicedQuantity: coffee[1],
      },
    ],
    totalMinor: 50_750,
    odooSaleOrderId: ++nextOdooId,
    odooSaleOrderName: name,
    odooClientOrderRef: `LEGACY-${name}`,
    deliveries: chairs[0] + coffee[0] > 0 ? 1 : 0,
    invoices,
    orderedAt: Date.now() - 86_400_000,
    importedAt: Date.now(),
    ...overrides,
  };
};
