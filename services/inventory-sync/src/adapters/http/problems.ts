import { HttpProblem } from '@o2c/http';
import { DomainError } from '../../domain/errors';
import { ReplenishmentError, type ReplenishmentErrorCode } from '../../domain/replenishment/errors';
import { OdooStockUnavailableError } from '../odoo/odoo-stock-client';

const REPLENISHMENT: Record<ReplenishmentErrorCode, [number, string]> = {
  RULE_NOT_FOUND: [404, 'No such replenishment rule'],
  PROPOSAL_NOT_FOUND: [404, 'No such replenishment proposal'],
  PROPOSAL_NOT_PENDING: [409, 'The proposal is not waiting for approval'],
  UNKNOWN_SKU: [422, 'Unknown SKU'],
  UNKNOWN_WAREHOUSE: [422, 'Unknown warehouse'],
};
const FIELD_OF: Partial<Record<ReplenishmentErrorCode, string>> = {
  UNKNOWN_SKU: 'sku',
  UNKNOWN_WAREHOUSE: 'warehouseCode',
};

/** The one mapping of this service's errors to problem documents (used by the host's handler). */
export function mapError(error: unknown): HttpProblem | undefined {
  if (error instanceof ReplenishmentError) {
    const field = FIELD_OF[error.code];
    const [status, title] = REPLENISHMENT[error.code];
    return new HttpProblem(
      status,
      `urn:o2c:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
      title,
      error.message,
      field ? { errors: [{ path: field, message: error.message }] } : undefined,
    );
  }
  if (error instanceof OdooStockUnavailableError) {
    return new HttpProblem(
      503,
      'urn:o2c:problem:odoo-stock-unavailable',
      'Odoo stock unavailable',
      `${error.message}; the reconciliation changed nothing`,
    );
  }
  if (error instanceof DomainError) {
    // Odoo reports stock in a unit this service does not know (yet): right after a start its
    // units may still be on their way from odoo.master-data, or the unit is not mapped.
    return new HttpProblem(
      409,
      `urn:o2c:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
      'Stock in a unit inventory-sync cannot convert',
      `${error.message}; the reconciliation changed nothing. Retry once the units of measure ` +
        'arrived from odoo.master-data, or map the unit in odoo-adapter (ODOO_UOM_MAP).',
    );
  }
  return undefined;
}

export const invalidQuery = (errors: Array<{ path: string; message: string }>) =>
  new HttpProblem(400, 'urn:o2c:problem:validation', 'Invalid query parameters', undefined, {
    errors,
  });
