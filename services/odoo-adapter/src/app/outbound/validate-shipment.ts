import type { ShipmentDispatched } from '@o2c/contracts';
import { m2oId, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import { DomainError } from '../../domain/errors';
import { planValidation } from '../../domain/shipment-plan';
import { findSaleOrder, type OdooDeps } from '../odoo-deps';
import { amendSubstitutes } from './amend-substitutes';

interface Picking extends OdooRecord {
  id: number;
  name: string;
  state: string;
  carrier_tracking_ref: string | false;
}

const outgoing = (soId: number) => [
  ['sale_id', '=', soId],
  ['picking_type_code', '=', 'outgoing'],
];

async function pickingFor(odoo: OdooClient, soId: number, trackingRef: string) {
  const fields = ['name', 'state', 'carrier_tracking_ref'];
  // A previous attempt may have tagged (or even validated) a picking before timing out.
  const [tagged] = await odoo.searchRead<Picking>(
    'stock.picking',
    [...outgoing(soId), ['carrier_tracking_ref', '=', trackingRef]],
    { fields, limit: 1 },
  );
  if (tagged) return tagged;
  const [open] = await odoo.searchRead<Picking>(
    'stock.picking',
    [...outgoing(soId), ['state', 'not in', ['done', 'cancel']]],
    { fields, limit: 1, order: 'id asc' },
  );
  return open;
}

/**
 * ShipmentDispatched → the order's open delivery validated for the shipped quantities; what was
 * not shipped becomes a backorder, or is dropped on the last shipment. The picking is tagged with
 * the tracking number first, so a retry finds it (done or not) instead of shipping twice.
 */
export async function validateShipment(shipment: ShipmentDispatched, deps: OdooDeps) {
  const { odoo } = deps;
  const so = await findSaleOrder(odoo, shipment.orderId);
  // Not an error of the message: the order's OrderAccepted may still be on its way to Odoo.
  if (!so) throw new Error(`sale order of ${shipment.orderId} not in Odoo yet`);
  let picking = await pickingFor(odoo, so.id, shipment.trackingNumber);
  if (!picking)
    throw new DomainError(
      'PICKING_NOT_FOUND',
      `no open delivery for ${so.name} (${shipment.orderId})`,
    );
  if (picking.state === 'done')
    return { pickingId: picking.id, alreadyDone: true, backorder: false, amended: false };

  // Substitutes shipped for ordered products: the sale order is amended first, so the open
  // delivery demands what was really shipped (Odoo unreserves a lowered move: assign again).
  const amended = await amendSubstitutes(shipment, so.id, deps);
  // A delivery whose every move the amendment cancelled (a line shipped entirely as its
  // substitute) is cancelled by Odoo, which procures the substitute in a new open delivery.
  if (amended) picking = (await pickingFor(odoo, so.id, shipment.trackingNumber)) ?? picking;
  if (amended || picking.state !== 'assigned')
    await odoo.call('stock.picking', 'action_assign', { ids: [picking.id] });
  const moves = await odoo.searchRead('stock.move', [['picking_id', '=', picking.id]], {
    fields: ['product_id', 'product_uom_qty'],
    order: 'id asc',
  });
  const plan = await deps.masterData.withMasterData((md) =>
    planValidation(
      moves.map((m) => ({
        id: m.id,
        productId: m2oId(m.product_id as never) ?? 0,
        demand: Number(m.product_uom_qty),
      })),
      shipment.lines,
      md,
    ),
  );
  const profile = await deps.profile();
  for (const { moveId, quantity } of plan.quantities) {
    await odoo.write('stock.move', [moveId], profile.moveDoneVals(quantity));
  }
  await odoo.write('stock.picking', [picking.id], {
    carrier_tracking_ref: shipment.trackingNumber,
  });
  const context = plan.backorder
    ? {
        skip_backorder: true,
        ...(shipment.lastShipment ? { picking_ids_not_to_backorder: [picking.id] } : {}),
      }
    : {};
  const result = await odoo.call('stock.picking', 'button_validate', {
    ids: [picking.id],
    context,
  });
  if (result !== true)
    throw new Error(
      `button_validate of ${picking.name} answered a wizard: ${JSON.stringify(result)}`,
    );
  return {
    pickingId: picking.id,
    alreadyDone: false,
    backorder: plan.backorder && !shipment.lastShipment,
    amended,
  };
}
