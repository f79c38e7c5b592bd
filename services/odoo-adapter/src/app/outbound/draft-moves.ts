import { m2oId, type OdooRecord } from '@o2c/odoo-client';
import type { DraftLine, WantedLine } from '../../domain/draft-lines';
import { productOf } from '../../domain/master-data';
import type { OdooDeps } from '../odoo-deps';

interface MoveLine extends OdooRecord {
  id: number;
  product_id: [number, string] | false;
  quantity: number;
}

/** The lines of a draft invoice or credit note, as `cutDraft` takes them. */
export async function draftLines({ odoo }: OdooDeps, lineIds: number[]): Promise<DraftLine[]> {
  const lines = await odoo.read<MoveLine>('account.move.line', lineIds, ['product_id', 'quantity']);
  return lines.map((l) => ({ id: l.id, productId: m2oId(l.product_id), quantity: l.quantity }));
}

/** Our document's lines with their Odoo product. */
export function wantedLines(
  deps: OdooDeps,
  lines: ReadonlyArray<{ sku: string; quantity: number }>,
): Promise<WantedLine[]> {
  return deps.masterData.withMasterData((md) =>
    lines.map((l) => ({ productId: productOf(md, l.sku).id, sku: l.sku, quantity: l.quantity })),
  );
}

/** What Odoo still lets the invoice wizard take of a sale order, per product (`qty_to_invoice`). */
export async function toInvoiceByProduct(
  { odoo }: OdooDeps,
  saleOrderId: number,
): Promise<Map<number, number>> {
  const lines = await odoo.searchRead('sale.order.line', [['order_id', '=', saleOrderId]], {
    fields: ['product_id', 'qty_to_invoice'],
  });
  const open = new Map<number, number>();
  for (const l of lines) {
    const id = m2oId(l.product_id as never);
    if (id !== null) open.set(id, (open.get(id) ?? 0) + Number(l.qty_to_invoice));
  }
  return open;
}
