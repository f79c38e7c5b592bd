import type { ReturnReceived } from '@o2c/contracts';
import { DomainError, SaleOrderNotReady } from '../../domain/errors';
import { findSaleOrder, type OdooDeps } from '../odoo-deps';
import { wantedLines } from './draft-moves';
import type { ReturnLedger, WaitingReturn } from '../../adapters/db/return-ledger';
import {
  invoicedInOdoo,
  openReturnWizard,
  runReturnWizard,
  type ReturnedLines,
} from './return-wizard';
import type { ShipmentLedger } from '../../adapters/db/shipment-ledger';
import { assertValidated } from './shipment-picking';

export interface ReturnDeps extends OdooDeps {
  shipments: ShipmentLedger;
  returns: ReturnLedger;
  skipSms: boolean;
}

export type ReturnOutcome =
  { pickingId: number; alreadyDone: boolean } | { waitingForInvoice: true; deliveryId: number };

/**
 * ReturnReceived → an Odoo return receipt of the resaleable quantities (what goes back on hand;
 * damaged goods are written off on our side and stay out of Odoo's stock), created with Odoo's
 * return wizard on the shipment's validated delivery and validated. A return whose products are
 * not all invoiced in Odoo yet is recorded as waiting and received after the invoice is posted
 * (`receiveWaitingReturns`): its receipt would lower what the invoice may take, and waiting here
 * would hold the shipments topic while the invoice waits on it. The return picking is recorded
 * as soon as Odoo created it, so a retry validates it instead of returning twice; after a create
 * that timed out, an unclaimed return picking of the delivery is taken as ours.
 */
export async function receiveReturn(
  ret: ReturnReceived,
  deps: ReturnDeps,
): Promise<ReturnOutcome | undefined> {
  const lines = ret.lines
    .filter((l) => l.condition === 'RESALEABLE')
    .map(({ sku, quantity }) => ({ sku, quantity }));
  if (lines.length === 0) return undefined;
  const { returnId, orderId, shipmentId } = ret;
  await deps.returns.seen({ returnId, orderId, shipmentId });
  return receive({ returnId, orderId, shipmentId, lines }, deps);
}

/**
 * The returns of an order that waited for its invoices, received now that one is posted; those
 * Odoo refuses now (RETURN_EXCEEDS_DELIVERY after another return) are set aside with the reason.
 */
export async function receiveWaitingReturns(orderId: string, deps: ReturnDeps) {
  const received: string[] = [];
  const refused: Array<{ returnId: string; reason: string }> = [];
  for (const waiting of await deps.returns.waitingOf(orderId)) {
    try {
      const outcome = await receive(waiting, deps);
      if (outcome && !('waitingForInvoice' in outcome)) received.push(waiting.returnId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await deps.returns.refused(waiting.returnId, `${error.code}: ${error.message}`);
      refused.push({ returnId: waiting.returnId, reason: error.message });
    }
  }
  return { received, refused };
}

async function receive(ret: WaitingReturn, deps: ReturnDeps): Promise<ReturnOutcome> {
  const { odoo, returns } = deps;
  let pickingId = await returns.pickingOf(ret.returnId);
  if (pickingId === undefined) {
    const delivery = await deps.shipments.validatedPickingOf(ret.shipmentId);
    // Retried: the shipment may still be on its way to Odoo.
    if (delivery === undefined)
      throw new Error(`delivery of shipment ${ret.shipmentId} not validated in Odoo yet`);
    pickingId = await unclaimedReturn(deps, delivery);
    if (pickingId === undefined) {
      const wizard = await openReturnWizard(deps, delivery, ret.lines);
      if (!(await invoiced(deps, ret.orderId, ret.lines))) {
        await returns.waitForInvoice(ret.returnId, ret.lines);
        return { waitingForInvoice: true, deliveryId: delivery };
      }
      pickingId = await runReturnWizard(deps, wizard);
    }
    await returns.created(ret.returnId, delivery, pickingId);
  }
  const [picking] = await odoo.read('stock.picking', [pickingId], ['name', 'state']);
  if (picking?.state === 'done') {
    await returns.validated(ret.returnId);
    return { pickingId, alreadyDone: true };
  }
  const profile = await deps.profile();
  if (picking?.state !== 'assigned')
    await odoo.call('stock.picking', 'action_assign', { ids: [pickingId] });
  const moves = await odoo.searchRead('stock.move', [['picking_id', '=', pickingId]], {
    fields: ['product_uom_qty'],
  });
  for (const m of moves)
    await odoo.write('stock.move', [m.id], profile.moveDoneVals(Number(m.product_uom_qty)));
  const answer = await odoo.call('stock.picking', 'button_validate', {
    ids: [pickingId],
    context: deps.skipSms ? { skip_sms: true } : {},
  });
  assertValidated(String(picking?.name), answer, deps.skipSms);
  await returns.validated(ret.returnId);
  return { pickingId, alreadyDone: false };
}

async function invoiced(deps: ReturnDeps, orderId: string, lines: ReturnedLines) {
  const so = await findSaleOrder(deps.odoo, orderId);
  if (!so) throw new SaleOrderNotReady(`sale order of ${orderId} not in Odoo yet`);
  const wanted = await wantedLines(deps, lines);
  return invoicedInOdoo(
    deps,
    so.id,
    wanted.map((w) => w.productId),
  );
}

async function unclaimedReturn(deps: ReturnDeps, delivery: number) {
  const claimed = new Set(await deps.returns.claimedOf(delivery));
  const existing = await deps.odoo.searchRead(
    'stock.picking',
    [
      ['return_id', '=', delivery],
      ['state', '!=', 'cancel'],
    ],
    { fields: ['name'], order: 'id asc' },
  );
  return existing.find((p) => !claimed.has(p.id))?.id;
}
