import { SpanKind, contextOf, inSpan, linkTo, traceparentOf } from '@o2c/observability';
import type { Knex } from 'knex';
import { shipmentTraceparent } from '../../adapters/db/shipment-repository';

/**
 * Runs work on a shipment (a saga step, a carrier milestone) in a span of the order's trace,
 * the one the shipment was created in, so the carrier calls and the events they lead to
 * (dispatched, delivered, invoiced) join the order's trace; linked to the span that triggered
 * it (e.g. the carrier's webhook request). Without a stored trace, a child of the active span.
 */
export async function inShipmentTrace<T>(
  db: Knex,
  shipment: { shipmentId: string; trackingNumber?: string | undefined; orderId?: string },
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const stored = await shipmentTraceparent(db, shipment);
  const trigger = linkTo(traceparentOf());
  return inSpan(
    name,
    {
      kind: SpanKind.INTERNAL,
      ...(stored ? { parent: contextOf(stored) } : {}),
      ...(stored && trigger ? { links: [trigger] } : {}),
      attributes: {
        'o2c.shipment_id': shipment.shipmentId,
        ...(shipment.orderId ? { 'o2c.order_id': shipment.orderId } : {}),
      },
    },
    work,
  );
}
