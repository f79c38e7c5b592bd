import type { ReturnedLine, ReturnReceived } from '@o2c/contracts';
import { DomainError } from '../errors';
import type { DecideContext, Line, Shipment } from '../shipment/types';

export interface RecordReturn {
  shipmentId: string;
  reasonCode: string;
  lines: Array<{ lineNo: number; quantity: number; condition: 'RESALEABLE' | 'DAMAGED' }>;
}

/**
 * A return against a delivered shipment, no more per line than shipped minus already returned.
 * A line shipped as two SKUs (ordered + substitute) is returned from the first SKU first.
 */
export function decideReturn(
  shipment: Shipment,
  alreadyReturned: Line[],
  command: RecordReturn,
  { now, newId }: DecideContext,
): ReturnReceived {
  if (shipment.state !== 'DELIVERED')
    throw new DomainError(
      'SHIPMENT_NOT_DELIVERED',
      `shipment ${shipment.shipmentId} is ${shipment.state}; only delivered shipments take returns`,
    );
  const left = shipment.lines.map((l) => ({
    ...l,
    quantity:
      l.quantity -
      alreadyReturned
        .filter((r) => r.lineNo === l.lineNo && r.sku === l.sku)
        .reduce((sum, r) => sum + r.quantity, 0),
  }));
  const lines: ReturnedLine[] = [];
  for (const req of command.lines) {
    const candidates = left.filter((l) => l.lineNo === req.lineNo);
    if (candidates.length === 0)
      throw new DomainError('LINE_NOT_SHIPPED', `line ${req.lineNo} is not in this shipment`);
    const available = candidates.reduce((sum, l) => sum + l.quantity, 0);
    if (req.quantity > available)
      throw new DomainError(
        'RETURN_EXCEEDS_SHIPPED',
        `line ${req.lineNo}: ${req.quantity} returned, ${available} shipped and not yet returned`,
      );
    let wanted = req.quantity;
    for (const l of candidates) {
      const take = Math.min(wanted, l.quantity);
      if (take <= 0) continue;
      l.quantity -= take;
      wanted -= take;
      lines.push({
        lineNo: l.lineNo,
        sku: l.sku,
        quantity: take,
        uom: l.uom,
        condition: req.condition,
      });
    }
  }
  return {
    orderId: shipment.orderId,
    returnId: newId(),
    shipmentId: shipment.shipmentId,
    warehouseCode: shipment.warehouseCode,
    lines,
    reasonCode: command.reasonCode,
    receivedAt: now,
  };
}
