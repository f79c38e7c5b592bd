import { HttpProblem } from '@o2c/http';
import { OdooStockUnavailableError } from '../odoo/odoo-stock-client';

/** The one mapping of this service's errors to problem documents (used by the host's handler). */
export function mapError(error: unknown): HttpProblem | undefined {
  if (error instanceof OdooStockUnavailableError) {
    return new HttpProblem(
      503,
      'urn:o2c:problem:odoo-stock-unavailable',
      'Odoo stock unavailable',
      `${error.message}; the reconciliation changed nothing`,
    );
  }
  return undefined;
}

export const invalidQuery = (errors: Array<{ path: string; message: string }>) =>
  new HttpProblem(400, 'urn:o2c:problem:validation', 'Invalid query parameters', undefined, {
    errors,
  });
