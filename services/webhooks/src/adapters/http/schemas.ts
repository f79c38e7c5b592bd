import { z } from 'zod';
import { subscribableEventTypes } from '../../app/event-types';

const eventType = z.string().refine((t) => subscribableEventTypes.includes(t), {
  message: `not a subscribable event type (GET /webhooks/event-types lists them)`,
});

const url = z.url({ protocol: /^https?$/, error: 'an http or https URL' });

const filter = z
  .object({ channel: z.string().min(1).max(64), customerId: z.string().min(1).max(128) })
  .partial()
  .strict();

export const CreateSubscription = z
  .object({
    url,
    eventTypes: z.array(eventType).min(1).max(100),
    filter: filter.default({}),
    description: z.string().max(500).nullish(),
  })
  .strict();

export const UpdateSubscription = z
  .object({
    url: url.optional(),
    eventTypes: z.array(eventType).min(1).max(100).optional(),
    filter: filter.optional(),
    description: z.string().max(500).nullable().optional(),
  })
  .strict();

export const ReplayRange = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict()
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: 'from must be before to' });

export const DeliveryQuery = z
  .object({
    status: z.enum(['pending', 'delivered', 'failed', 'cancelled']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const uuidParam = z.uuid();
