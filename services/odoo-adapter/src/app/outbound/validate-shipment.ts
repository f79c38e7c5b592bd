import type { ShipmentDispatched } from '@o2c/contracts';
import { m2oId } from '@o2c/odoo-client';
import { DomainError, SaleOrderNotReady } from '../../domain/errors';
import { planValidation } from '../../domain/shipment-plan';
import { findSaleOrder, type OdooDeps } from '../odoo-deps';
import { amendSubstitutes } from './amend-substitutes';
import type { ShipmentLedger } from '../../adapters/db/shipment-ledger';
import { assertValidated, pickingFor } from './shipment-picking';

export interface ShipmentDeps extends OdooDeps {
  shipments: ShipmentLedger;
  /**
   * Pass `skip_sms` to button_validate (default): with stock_sms installed Odoo otherwise answers
   * its SMS question (a wizard) instead of validating. It also sends no delivery SMS; turn it off
   * (ODOO_SKIP_SMS=false) when Odoo should text customers and its SMS question was answered once.
   */
  skipSms: boolean;
}

/**
 * ShipmentDispatched → the order's open delivery validated for the shipped quantities; what was
 * not shipped becomes a backorder, or is dropped on the last shipment. The picking is recorded
 * for the tracking number first (ledger, and the picking's carrier_tracking_ref when Odoo has
 * it), so a retry finds it (done or not) instead of shipping twice. A last shipment waits until
 * the order's other shipments are in Odoo, so it never closes the picking under an earlier one.
 */
export async function validateShipment(shipment: ShipmentDispatched, deps: ShipmentDeps) {
  const { odoo, shipments } = deps;
  await shipments.seen({
    shipmentId: shipment.shipmentId,
    orderId: shipment.orderId,
    trackingRef: shipment.trackingNumber,
    last: shipment.lastShipment,
  });
  const so = await findSaleOrder(odoo, shipment.orderId);
  // Not an error of the message: the order's OrderAccepted may still be on its way to Odoo, or
  // half-way (created, confirmed in a second call: no delivery before that), so retried.
  if (!so) throw new SaleOrderNotReady(`sale order of ${shipment.orderId} not in Odoo yet`);
  if (so.state === 'draft' || so.state === 'sent')
    throw new SaleOrderNotReady(
      `sale order ${so.name} of ${shipment.orderId} not confirmed in Odoo yet`,
    );
  const profile = await deps.profile();
  let picking = await pickingFor(deps, profile, so.id, shipment.trackingNumber);
  if (!picking)
    throw new DomainError(
      'PICKING_NOT_FOUND',
      `no open delivery for ${so.name} (${shipment.orderId})`,
    );
  if (picking.state === 'done') {
    await shipments.validated(shipment.shipmentId);
    return {
      pickingId: picking.id,
      alreadyDone: true,
      backorder: false,
      amended: false,
      odooWriteDate: await writeDateOf(deps, picking.id),
    };
  }
  if (shipment.lastShipment) {
    const waiting = await shipments.pendingBesides(shipment.orderId, shipment.shipmentId);
    // Retried (not dead-lettered at once): the earlier shipment may be retrying or redriven.
    if (waiting.length > 0)
      throw new Error(
        `last shipment ${shipment.shipmentId} of ${shipment.orderId} waits for ${waiting.join(', ')} to reach Odoo first`,
      );
  }

  // Substitutes shipped for ordered products: the sale order is amended first, so the open
  // delivery demands what was really shipped (Odoo unreserves a lowered move: assign again).
  const amended = await amendSubstitutes(shipment, so.id, deps);
  // A delivery whose every move the amendment cancelled (a line shipped entirely as its
  // substitute) is cancelled by Odoo, which procures the substitute in a new open delivery.
  if (amended)
    picking = (await pickingFor(deps, profile, so.id, shipment.trackingNumber)) ?? picking;
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
  for (const { moveId, quantity } of plan.quantities) {
    await odoo.write('stock.move', [moveId], profile.moveDoneVals(quantity));
  }
  await shipments.tagged(shipment.shipmentId, picking.id);
  if (profile.trackingRefField)
    await odoo.write('stock.picking', [picking.id], {
      carrier_tracking_ref: shipment.trackingNumber,
    });
  const context = {
    ...(deps.skipSms ? { skip_sms: true } : {}),
    ...(plan.backorder
      ? {
          skip_backorder: true,
          ...(shipment.lastShipment ? { picking_ids_not_to_backorder: [picking.id] } : {}),
        }
      : {}),
  };
  const answer = await odoo.call('stock.picking', 'button_validate', {
    ids: [picking.id],
    context,
  });
  assertValidated(picking.name, answer, deps.skipSms);
  await shipments.validated(shipment.shipmentId);
  return {
    pickingId: picking.id,
    alreadyDone: false,
    backorder: plan.backorder && !shipment.lastShipment,
    amended,
    odooWriteDate: await writeDateOf(deps, picking.id),
  };
}

/**
 * The validated picking's write_date (epoch ms): the validation's transaction time, which is also
 * the write_date of the quants it moved, so inventory-sync can tell Odoo's stock figures that
 * include the delivery from those that do not.
 */
async function writeDateOf({ odoo }: OdooDeps, pickingId: number): Promise<number> {
  const [row] = await odoo.read('stock.picking', [pickingId], ['write_date']);
  return Date.parse(`${String(row?.write_date).replace(' ', 'T')}Z`);
}
