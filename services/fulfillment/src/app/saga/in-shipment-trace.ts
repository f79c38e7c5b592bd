import { SpanKind, contextOf, inSpan, linkTo, traceparentOf } from '@o2c/observability';

/**
 * Runs work on a shipment (a saga step, a carrier milestone) in a span of the order's trace,
 * `stored`, the one the shipment was created in, so the carrier calls and the events they lead to
 * (dispatched, delivered, invoiced) join the order's trace; linked to the span that triggered
 * it (e.g. the carrier's webhook request). Without a stored trace, a child of the active span.
 */
export function inShipmentTrace<T>(
  stored: string | undefined,
  shipment: { shipmentId: string; orderId?: string },
  name: string,
  work: () => Promise<T>,
): Promise<T> {
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
