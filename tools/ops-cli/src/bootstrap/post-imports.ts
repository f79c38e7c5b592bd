import { OpsError } from '../errors';
import type { ImportCandidate } from './plan-import';

/** order-intake's answer per candidate (POST /admin/imports/orders). */
export interface ImportResult {
  channelOrderRef: string;
  odooSaleOrderId: number;
  /**
   * imported: new; refreshed: imported before, its newer state published; duplicate: imported
   * before, unchanged; cancelled: imported before, cancelled in Odoo since; skipped: a
   * refresh-only order never imported; unmappable: see reasons.
   */
  outcome: 'imported' | 'refreshed' | 'cancelled' | 'duplicate' | 'skipped' | 'unmappable';
  orderId: string | null;
  reasons: Array<{ code: string; message: string; lineNo?: number }>;
}

/**
 * An order to import, or with refreshOnly only to refresh if it was imported before; with
 * cancelledInOdoo (refresh-only too) to cancel it on the platform if it was imported before.
 */
export type ImportRequest = ImportCandidate & { refreshOnly?: boolean; cancelledInOdoo?: boolean };

/** Sends one batch (at most 100) to order-intake, which imports each order in its own transaction. */
export async function postImports(
  orderIntakeUrl: string,
  apiKey: string,
  orders: readonly ImportRequest[],
): Promise<ImportResult[]> {
  const url = `${orderIntakeUrl.replace(/\/$/, '')}/admin/imports/orders`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orders }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    throw new OpsError('FAILED', `order-intake is unreachable at ${url}`, { cause: error });
  }
  if (res.status === 401 || res.status === 403)
    throw new OpsError(
      'USAGE',
      `order-intake refused O2C_API_KEY (${res.status}) at ${url}: it needs the scope ops:write`,
    );
  if (!res.ok)
    throw new OpsError(
      'FAILED',
      `order-intake answered ${res.status} at ${url}: ${await res.text()}`,
    );
  return ((await res.json()) as { results: ImportResult[] }).results;
}
