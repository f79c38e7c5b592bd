import { HttpProblem } from '@o2c/http';
import { DomainError } from '../../domain';

const STATUS: Record<DomainError['code'], number> = {
  ORDER_NOT_FOUND: 404,
  SHIPMENT_NOT_FOUND: 404,
  SHIPMENT_NOT_DELIVERED: 422,
  RETURN_EXCEEDS_SHIPPED: 422,
  LINE_NOT_SHIPPED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  // The carrier retries its webhook until our side has caught up.
  MILESTONE_TOO_EARLY: 409,
  // OrderImported's refusals: dead letters of the consumer, never an HTTP answer.
  NOT_IMPORTED: 422,
  IMPORT_SALE_ORDER_CHANGED: 422,
  IMPORT_LINES_CHANGED: 422,
  IMPORT_QUANTITY_DECREASED: 422,
};

/** The one mapping of domain error codes to HTTP statuses (used by the host's problem handler). */
export function mapDomainError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const type = `urn:o2c:problem:${error.code.toLowerCase().replaceAll('_', '-')}`;
  return new HttpProblem(STATUS[error.code], type, error.code, error.message);
}

export const problems = {
  validation: (errors: Array<{ path: string; message: string }>) =>
    new HttpProblem(400, 'urn:o2c:problem:validation', 'Invalid request body', undefined, {
      errors,
    }),
  badSignature: () =>
    new HttpProblem(
      401,
      'urn:o2c:problem:bad-signature',
      'Invalid carrier signature',
      'X-Carrier-Signature must be sha256=<hex HMAC of "<X-Carrier-Timestamp>.<raw body>">',
    ),
  staleTimestamp: (toleranceMs: number) =>
    new HttpProblem(
      401,
      'urn:o2c:problem:stale-webhook',
      'Webhook timestamp outside the window',
      `X-Carrier-Timestamp (Unix seconds) must be within ${toleranceMs / 1000} s of our clock`,
    ),
  unknownCarrier: (code: string) =>
    new HttpProblem(
      404,
      'urn:o2c:problem:unknown-carrier',
      'Unknown carrier',
      `no carrier ${code}`,
    ),
};
