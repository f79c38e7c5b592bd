import { z } from 'zod';

const text = z.string().trim().min(1);

export const BookingBody = z.object({
  reference: text,
  serviceLevel: z.enum(['standard', 'express']).optional(),
  shipFrom: z.object({ warehouseCode: text }),
  shipTo: z.object({
    name: text,
    street: text,
    city: text,
    postalCode: text,
    countryCode: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'),
  }),
  parcels: z.array(z.object({ sku: text, quantity: z.number().positive(), uom: text })).min(1),
  callbackUrl: z.url(),
});

/** `{ code, message }` for a 422, naming every invalid field. */
export function validationError(error: z.ZodError) {
  return {
    code: 'VALIDATION_FAILED',
    message: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  };
}
