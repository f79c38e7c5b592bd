import { tracedFetch } from '@o2c/observability';
import { z } from 'zod';

const Row = z.object({
  sku: z.string(),
  warehouseCode: z.string(),
  quantityOnHand: z.number(),
  uom: z.string(),
  odooWriteDate: z.number(),
  /** When the adapter started reading Odoo (its clock); older adapters do not say. */
  readAt: z.number().nullable().default(null),
});

export type OdooStockRow = z.infer<typeof Row>;

/** odoo-adapter could not give Odoo's stock: a reconciliation run cannot start. */
export class OdooStockUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OdooStockUnavailableError';
  }
}

/** Reads Odoo's live stock through odoo-adapter's GET /odoo/stock (only the adapter talks to Odoo). */
export function createOdooStockClient(baseUrl: string, apiKey: string, timeoutMs: number) {
  return async function fetchOdooStock(): Promise<OdooStockRow[]> {
    let res: Response;
    try {
      res = await tracedFetch(`${baseUrl}/odoo/stock`, {
        headers: { authorization: `Bearer ${apiKey}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new OdooStockUnavailableError(`odoo-adapter unreachable at ${baseUrl}`, {
        cause: error,
      });
    }
    if (!res.ok) {
      throw new OdooStockUnavailableError(
        `odoo-adapter answered ${res.status} to GET /odoo/stock: ${await res.text()}`,
      );
    }
    const parsed = z.array(Row).safeParse(await res.json());
    if (!parsed.success) {
      throw new OdooStockUnavailableError(`odoo-adapter sent unexpected stock rows`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  };
}
