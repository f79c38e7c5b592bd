import type { ShipmentDispatched } from '@o2c/contracts';
import { commands, m2oId, type OdooRecord } from '@o2c/odoo-client';
import { planSubstitution, type LineChange } from '../../domain/substitution';
import type { OdooDeps } from '../odoo-deps';

interface SaleLine extends OdooRecord {
  id: number;
  sequence: number;
  product_id: [number, string] | false;
  product_uom_qty: number;
  price_unit: number;
}

const toCommand = (change: LineChange, uomField: string) =>
  change.kind === 'set-quantity'
    ? commands.update(change.lineId, {
        product_uom_qty: change.quantity,
        price_unit: change.priceUnit,
      })
    : commands.create({
        product_id: change.productId,
        product_uom_qty: change.quantity,
        price_unit: change.priceUnit,
        sequence: change.lineNo,
        ...(change.uomId === null ? {} : { [uomField]: change.uomId }),
      });

/**
 * Before a shipment with substitutes is validated, the confirmed sale order is amended in one
 * write (ordered lines lowered, substitute lines added or raised): Odoo's procurement then moves
 * the demand in the open delivery from the ordered product to the substitute. Returns whether
 * anything was amended; a retry after a committed amendment amends nothing.
 */
export async function amendSubstitutes(
  shipment: ShipmentDispatched,
  saleOrderId: number,
  deps: OdooDeps,
): Promise<boolean> {
  const { odoo } = deps;
  const { saleLineUomField } = await deps.profile();
  const lines = await odoo.searchRead<SaleLine>(
    'sale.order.line',
    [
      ['order_id', '=', saleOrderId],
      ['display_type', '=', false],
    ],
    {
      fields: ['sequence', 'product_id', 'product_uom_qty', 'price_unit', saleLineUomField],
      order: 'id asc',
    },
  );
  const moves = await odoo.searchRead(
    'stock.move',
    [
      ['sale_line_id', 'in', lines.map((l) => l.id)],
      ['state', 'not in', ['done', 'cancel']],
    ],
    { fields: ['sale_line_id', 'product_uom_qty'] },
  );
  const openDemand = new Map<number, number>();
  for (const m of moves) {
    const lineId = m2oId(m.sale_line_id as never) ?? 0;
    openDemand.set(lineId, (openDemand.get(lineId) ?? 0) + Number(m.product_uom_qty));
  }
  const changes = await deps.masterData.withMasterData((md) =>
    planSubstitution(
      lines.map((l) => ({
        id: l.id,
        lineNo: l.sequence,
        productId: m2oId(l.product_id) ?? 0,
        quantity: l.product_uom_qty,
        openDemand: openDemand.get(l.id) ?? 0,
        priceUnit: l.price_unit,
        uomId: m2oId(l[saleLineUomField] as never),
      })),
      shipment.lines,
      md,
    ),
  );
  if (changes.length === 0) return false;
  await odoo.write('sale.order', [saleOrderId], {
    order_line: changes.map((c) => toCommand(c, saleLineUomField)),
  });
  return true;
}
