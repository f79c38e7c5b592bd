import { z } from 'zod';
import type { SubmitOrder } from '../../domain/order';

const text = (max: number) => z.string().max(max).nullish();

/**
 * The REST shape of an order. It checks types only: missing or unknown business values
 * (SKU, customer, quantity ≤ 0…) reach the decider and come back as an OrderRejected with reasons.
 */
export const OrderBody = z
  .object({
    channelCode: z.string().min(1).max(64).default('rest'),
    /** Defaults to the Idempotency-Key. */
    channelOrderRef: z.string().min(1).max(128).optional(),
    customerRef: text(128),
    currency: text(8),
    warehouseCode: text(64),
    customerPurchaseOrderRef: text(128),
    requestedDeliveryAt: z.iso.datetime({ offset: true }).nullish(),
    shipTo: z
      .object({
        name: text(256),
        street: text(256),
        city: text(128),
        postalCode: text(32),
        countryCode: text(2),
      })
      .strict()
      .nullish(),
    lines: z
      .array(
        z
          .object({
            lineRef: text(64),
            sku: text(64),
            quantity: z.number().nullish(),
            uom: text(16),
            unitPriceMinor: z.number().int().nullish(),
            substitutionAllowed: z.boolean().nullish(),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();

export type OrderBody = z.output<typeof OrderBody>;

export function toSubmitOrder(
  body: OrderBody,
  idempotencyKey: string,
  receivedAt: number,
): SubmitOrder {
  const { requestedDeliveryAt, channelOrderRef, ...rest } = body;
  return {
    type: 'SubmitOrder',
    data: {
      ...rest,
      channelOrderRef: channelOrderRef ?? idempotencyKey,
      requestedDeliveryAt: requestedDeliveryAt ? Date.parse(requestedDeliveryAt) : null,
      submittedAt: receivedAt,
    },
  };
}
