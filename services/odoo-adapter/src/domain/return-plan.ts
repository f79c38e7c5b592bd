import { DomainError } from './errors';
import type { MasterData } from './master-data';
import { planValidation, type PickingMove, type ShippedLine } from './shipment-plan';

/**
 * The quantity each line of Odoo's return wizard takes (a line per delivered move, `demand` =
 * what it can still give back): the returned quantities spread over the lines of their product;
 * more than the delivery can give back is refused.
 */
export function planReturn(
  wizardLines: readonly PickingMove[],
  returned: readonly ShippedLine[],
  md: MasterData,
): ReadonlyArray<{ lineId: number; quantity: number }> {
  try {
    return planValidation(wizardLines, returned, md).quantities.map((q) => ({
      lineId: q.moveId,
      quantity: q.quantity,
    }));
  } catch (error) {
    if (error instanceof DomainError && error.code === 'SHIPMENT_EXCEEDS_DEMAND')
      throw new DomainError(
        'RETURN_EXCEEDS_DELIVERY',
        error.message.replace('the picking demands', 'the delivery can still give back'),
        { cause: error },
      );
    throw error;
  }
}
