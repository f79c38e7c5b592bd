import { HttpProblem } from '@o2c/http';
import { DomainError } from '../../domain';

const STATUS: Record<DomainError['code'], number> = {
  ORDER_NOT_FOUND: 404,
  LINE_NOT_ON_ORDER: 409,
  UOM_MISMATCH: 409,
  EMPTY_SHIPMENT: 409,
  RETURN_LINE_NOT_INVOICED: 409,
  CREDIT_EXCEEDS_INVOICED: 409,
  PURCHASE_NOT_FOUND: 404,
  INVALID_IMPORT: 422,
  IMPORT_REFRESH_REFUSED: 409,
  NOT_AN_IMPORTED_ORDER: 409,
};

/** The one mapping of domain error codes to HTTP statuses (used by the host's problem handler). */
export function mapDomainError(error: unknown): HttpProblem | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const type = `urn:o2c:problem:${error.code.toLowerCase().replaceAll('_', '-')}`;
  return new HttpProblem(STATUS[error.code], type, error.code, error.message);
}
