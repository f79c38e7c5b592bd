import { HttpProblem } from '@o2c/http';
import { DomainError } from '../../domain/errors';

const STATUS: Record<DomainError['code'], number> = {
  ORDER_NOT_FOUND: 404,
  ORDER_NOT_CANCELLABLE: 409,
};

/** The one mapping of domain error codes to HTTP statuses (used by the host's problem handler). */
export function mapDomainError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const type = `urn:o2c:problem:${error.code.toLowerCase().replaceAll('_', '-')}`;
  return new HttpProblem(STATUS[error.code], type, error.code, error.message);
}

export const problems = {
  keyMissing: () =>
    new HttpProblem(
      400,
      'urn:o2c:problem:idempotency-key-missing',
      'Idempotency-Key header required',
      'POST /orders needs an Idempotency-Key header (1-255 characters)',
    ),
  validation: (errors: Array<{ path: string; message: string }>) =>
    new HttpProblem(400, 'urn:o2c:problem:validation', 'Invalid request body', undefined, {
      errors,
    }),
  keyReused: () =>
    new HttpProblem(
      422,
      'urn:o2c:problem:idempotency-key-reused',
      'Idempotency-Key reused with a different request',
      'this key was first used with another body; use a new key for a new request',
    ),
  inFlight: () =>
    new HttpProblem(
      409,
      'urn:o2c:problem:idempotency-request-in-flight',
      'A request with this Idempotency-Key is still being processed',
      'retry later to get its response',
    ),
  orderNotFound: (orderId: string) =>
    new HttpProblem(
      404,
      'urn:o2c:problem:order-not-found',
      'ORDER_NOT_FOUND',
      `no order ${orderId}`,
    ),
  invalidQuery: (errors: Array<{ path: string; message: string }>) =>
    new HttpProblem(400, 'urn:o2c:problem:validation', 'Invalid query', undefined, { errors }),
  invalidPath: (errors: Array<{ path: string; message: string }>) =>
    new HttpProblem(400, 'urn:o2c:problem:validation', 'Invalid path', undefined, { errors }),
  aliasNotFound: (channelCode: string, kind: string, alias: string) =>
    new HttpProblem(
      404,
      'urn:o2c:problem:alias-not-found',
      'ALIAS_NOT_FOUND',
      `channel '${channelCode}' has no ${kind} alias '${alias}'`,
    ),
};
