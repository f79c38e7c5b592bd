import { z } from 'zod';

const datetime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'naive UTC "YYYY-MM-DD HH:MM:SS"');

export const ClockBody = z.object({
  freeze: z.union([z.boolean(), datetime]).optional(),
  unfreeze: z.boolean().optional(),
  set: datetime.optional(),
  advanceSeconds: z.number().optional(),
  nextTransactionAt: z.union([datetime, z.array(datetime)]).optional(),
});

export const FaultBody = z.object({
  kind: z.enum([
    'serialization_failure',
    'lock_error',
    'http_500',
    'timeout_after_commit',
    'slow',
    'down',
  ]),
  count: z.number().int().positive().optional(),
  model: z.string().optional(),
  method: z.string().optional(),
  delayMs: z.number().int().nonnegative().optional(),
  mode: z.enum(['503', 'reset', 'hang']).optional(),
  atCommit: z.boolean().optional(),
});

export const PaymentBody = z.object({
  invoiceId: z.number().int(),
  amount: z.number().positive(),
  /** Full payment not yet reconciled with the bank: `in_payment` instead of `paid`. */
  inPayment: z.boolean().optional(),
  /** The payment's transaction time (its write_date), e.g. in the past: a late commit. */
  at: datetime.optional(),
});

export const WebhookBody = z.object({
  model: z.string(),
  trigger: z.enum(['on_create', 'on_write', 'on_create_or_write', 'on_state_set']),
  url: z.url(),
  fields: z.array(z.string()).default([]),
  state: z.string().optional(),
  name: z.string().optional(),
});

export const StockBody = z.object({
  productId: z.number().int(),
  locationId: z.number().int(),
  quantity: z.number(),
});

export const RpcBody = z.object({
  enabled: z.boolean(),
  mode: z.enum(['gate', 'removed']).default('gate'),
});
