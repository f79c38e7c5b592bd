/** The event a delivery carries, as the webhook body describes it. */
export interface DeliveredEvent {
  eventId: string;
  eventType: string;
  occurredAt: number;
  orderId: string;
  data: unknown;
}

/** Our event types as webhook types, the same as the CloudEvents type: `o2c.OrderAccepted`. */
export const webhookType = (eventType: string): string => `o2c.${eventType}`;

/**
 * The JSON body, in the Standard Webhooks shape (`type`, `timestamp`, `data`) plus the event's
 * id (a receiver's dedupe key along with the `webhook-id` header) and its order.
 */
export function webhookBody(event: DeliveredEvent): string {
  return JSON.stringify(
    {
      type: webhookType(event.eventType),
      timestamp: new Date(event.occurredAt).toISOString(),
      eventId: event.eventId,
      orderId: event.orderId,
      data: event.data,
    },
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
  );
}
