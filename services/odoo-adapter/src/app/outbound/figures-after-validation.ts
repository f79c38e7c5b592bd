import type { ShipmentDispatched } from '@o2c/contracts';
import { eventFor, type OutboxEvent } from '@o2c/outbox';
import { readStockTotals, toStockRows } from '../inbound/stock-totals';
import type { OdooDeps } from '../odoo-deps';

/**
 * Odoo's stock of the shipment's products, read once its delivery is seen validated. Odoo's
 * write_date has whole seconds, so inventory-sync takes a figure written in the validation's own
 * second as counting the delivery out only if it was read after the validation was seen
 * (`readAt` ≥ `validatedAt`); this read is such a figure, whenever the poll read its own.
 */
export async function figuresAfterValidation(
  deps: Pick<OdooDeps, 'odoo' | 'masterData' | 'companyId'>,
  shipment: ShipmentDispatched,
  topicPrefix: string,
): Promise<OutboxEvent[]> {
  const md = await deps.masterData.get();
  const ids = shipment.lines.map((l) => md.products.get(l.sku)?.id);
  const products = [...new Set(ids.filter((id): id is number => id !== undefined))];
  if (products.length === 0) return [];
  const { totals } = await readStockTotals(deps.odoo, deps.companyId, products);
  return toStockRows(totals.values(), md).map((data) =>
    eventFor('StockQuantChanged', data, { correlationId: data.sku, topicPrefix }),
  );
}
