import type { OdooRecord } from '@o2c/odoo-client';
import type { OdooProfile } from '../../adapters/odoo/profile';
import { DomainError } from '../../domain/errors';
import type { OdooDeps } from '../odoo-deps';
import type { ShipmentLedger } from '../../adapters/db/shipment-ledger';

export interface Picking extends OdooRecord {
  id: number;
  name: string;
  state: string;
}

const outgoing = (soId: number) => [
  ['sale_id', '=', soId],
  ['picking_type_code', '=', 'outgoing'],
];

/**
 * The picking a shipment goes to: the one a previous attempt chose for its tracking number (it
 * may have been validated before the attempt timed out), from our ledger or, with
 * stock_delivery, from the picking's `carrier_tracking_ref`; else the order's first open delivery.
 */
export async function pickingFor(
  { odoo, shipments }: OdooDeps & { shipments: ShipmentLedger },
  profile: OdooProfile,
  soId: number,
  trackingRef: string,
): Promise<Picking | undefined> {
  const fields = ['name', 'state'];
  const known = await shipments.pickingOf(trackingRef);
  const [recorded] =
    known === undefined
      ? []
      : await odoo.searchRead<Picking>('stock.picking', [['id', '=', known]], { fields });
  if (recorded) return recorded;
  if (profile.trackingRefField) {
    const [tagged] = await odoo.searchRead<Picking>(
      'stock.picking',
      [...outgoing(soId), ['carrier_tracking_ref', '=', trackingRef]],
      { fields, limit: 1 },
    );
    if (tagged) return tagged;
  }
  const [open] = await odoo.searchRead<Picking>(
    'stock.picking',
    [...outgoing(soId), ['state', 'not in', ['done', 'cancel']]],
    { fields, limit: 1, order: 'id asc' },
  );
  return open;
}

/**
 * button_validate answers `true` once the picking is done; anything else is a wizard Odoo wants
 * a human to answer and the picking is still open: never a success, and not one a retry fixes.
 */
export function assertValidated(pickingName: string, answer: unknown, skipSms: boolean): void {
  if (answer === true) return;
  const model = (answer as { res_model?: unknown } | null)?.res_model;
  if (model === 'confirm.stock.sms')
    throw new DomainError(
      'ODOO_UNEXPECTED_WIZARD',
      `button_validate of ${pickingName} answered Odoo's SMS confirmation wizard (confirm.stock.sms): the delivery is NOT done. ${
        skipSms
          ? 'Odoo ignored skip_sms.'
          : 'Set ODOO_SKIP_SMS=true, or answer the SMS question once in Odoo (Inventory settings: SMS Confirmation).'
      }`,
    );
  throw new DomainError(
    'ODOO_UNEXPECTED_WIZARD',
    `button_validate of ${pickingName} answered ${typeof model === 'string' ? `a ${model} wizard` : JSON.stringify(answer)} instead of validating: the delivery is NOT done`,
  );
}
