import { m2oId } from '@o2c/odoo-client';
import { planReturn } from '../../domain/return-plan';
import type { OdooDeps } from '../odoo-deps';
import { toInvoiceByProduct } from './draft-moves';

export type ReturnedLines = ReadonlyArray<{ sku: string; quantity: number }>;

/** Odoo's return wizard on a delivery, filled with our quantities, not yet run. */
export interface ReturnWizard {
  id: number;
  delivery: number;
  quantities: ReadonlyArray<{ lineId: number; quantity: number }>;
}

const contextOf = (delivery: number) => ({
  active_model: 'stock.picking',
  active_id: delivery,
  active_ids: [delivery],
});

/**
 * Odoo's "Return" button on the delivery, with our quantities planned over its lines; more than
 * the delivery can still give back is refused (RETURN_EXCEEDS_DELIVERY).
 */
export async function openReturnWizard(
  deps: OdooDeps,
  delivery: number,
  returned: ReturnedLines,
): Promise<ReturnWizard> {
  const { odoo } = deps;
  const id = await odoo.create('stock.return.picking', {}, { context: contextOf(delivery) });
  const [read] = await odoo.read('stock.return.picking', [id], ['product_return_moves']);
  const lines = await odoo.read(
    'stock.return.picking.line',
    (read?.product_return_moves as number[] | undefined) ?? [],
    ['product_id', 'move_id'],
  );
  const left = await returnable(
    deps,
    lines.map((l) => m2oId(l.move_id as never) ?? 0),
  );
  const quantities = await deps.masterData.withMasterData((md) =>
    planReturn(
      lines.map((l) => ({
        id: l.id,
        productId: m2oId(l.product_id as never) ?? 0,
        demand: left.get(m2oId(l.move_id as never) ?? 0) ?? 0,
      })),
      returned,
      md,
    ),
  );
  return { id, delivery, quantities };
}

/** Writes the planned quantities and runs `create_returns`: the return picking's id. */
export async function runReturnWizard({ odoo }: OdooDeps, wizard: ReturnWizard): Promise<number> {
  for (const { lineId, quantity } of wizard.quantities)
    await odoo.write('stock.return.picking.line', [lineId], { quantity });
  const action = await odoo.call('stock.return.picking', 'create_returns', {
    ids: [wizard.id],
    context: contextOf(wizard.delivery),
  });
  const resId = (action as { res_id?: unknown } | null)?.res_id;
  if (typeof resId !== 'number')
    throw new Error(`create_returns answered ${JSON.stringify(action)} without the return picking`);
  return resId;
}

/**
 * What each delivered move can still give back: moved, less its live returns. Computed here
 * rather than taken from the wizard's default line quantity, which differs across versions (17:
 * what is left; 18+: 1).
 */
async function returnable(deps: OdooDeps, moveIds: number[]): Promise<Map<number, number>> {
  const { odoo } = deps;
  const qtyField = (await deps.profile()).major >= 17 ? 'quantity' : 'quantity_done';
  const moves = await odoo.read('stock.move', moveIds, [qtyField]);
  const returns = await odoo.searchRead(
    'stock.move',
    [
      ['origin_returned_move_id', 'in', moveIds],
      ['state', '!=', 'cancel'],
    ],
    { fields: ['origin_returned_move_id', 'product_uom_qty'] },
  );
  const left = new Map(moves.map((m) => [m.id, Number(m[qtyField])]));
  for (const r of returns) {
    const origin = m2oId(r.origin_returned_move_id as never) ?? 0;
    left.set(origin, (left.get(origin) ?? 0) - Number(r.product_uom_qty));
  }
  return left;
}

/**
 * Whether the returned products' deliveries are all invoiced in Odoo. A return receipt lowers
 * the sale lines' delivered quantity (the wizard's "Update quantities on SO/PO"), and with it
 * what the invoice wizard takes: received before the shipment's invoice, it would leave that
 * invoice short for good.
 */
export async function invoicedInOdoo(
  deps: OdooDeps,
  saleOrderId: number,
  productIds: readonly number[],
): Promise<boolean> {
  // Per product: our invoices take a product's quantity from its lines in order, not line by line.
  const open = await toInvoiceByProduct(deps, saleOrderId);
  return productIds.every((id) => (open.get(id) ?? 0) <= 1e-9);
}
