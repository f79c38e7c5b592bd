import { z } from 'zod';

const code = (max: number) => z.string().trim().min(1).max(max);

/**
 * One sale order to import (OrderImported without orderId and importedAt), with refreshOnly (a
 * sale order closed in Odoo) only to refresh the order imported before, and cancelledInOdoo (closed
 * by a cancel) to cancel it. It checks shape and Avro types only: unknown codes, a quantity ≤ 0 or
 * no lines at all make the candidate unmappable.
 */
const ImportCandidateBody = z
  .object({
    channelCode: code(64),
    channelOrderRef: code(128),
    customerId: code(128),
    warehouseCode: code(64),
    currency: code(8),
    lines: z
      .array(
        z
          .object({
            lineNo: z.int32().positive(),
            sku: code(64),
            quantity: z.number(),
            uom: code(16),
            unitPriceMinor: z.int(),
            deliveredQuantity: z.number().nonnegative(),
            invoicedQuantity: z.number().nonnegative(),
          })
          .strict(),
      )
      .max(1000),
    totalMinor: z.int(),
    odooSaleOrderId: z.int().positive(),
    odooSaleOrderName: z.string().min(1).max(128),
    odooClientOrderRef: z.string().max(256).nullish(),
    deliveries: z.int32().nonnegative(),
    invoices: z
      .array(
        z
          .object({
            odooInvoiceId: z.int().positive(),
            name: z.string().max(128),
            totalMinor: z.int(),
          })
          .strict(),
      )
      .max(1000),
    orderedAt: z.int().nonnegative(),
    refreshOnly: z.boolean().default(false),
    cancelledInOdoo: z.boolean().default(false),
  })
  .strict();

/** POST /admin/imports/orders: 1 to 100 candidates, decided one by one in this order. */
export const ImportBody = z
  .object({ orders: z.array(ImportCandidateBody).min(1).max(100) })
  .strict();

export type ImportBody = z.output<typeof ImportBody>;
