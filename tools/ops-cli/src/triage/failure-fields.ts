import type {
  FulfillmentFailed,
  OdooSyncFailed,
  OrderExceptionRaised,
  OrderRejected,
  PurchaseExceptionRaised,
} from '@o2c/contracts';
import type { Failure } from './types';

/** The events triage reads as failures, with their topic. */
export const failureEvents = {
  OdooSyncFailed: 'odoo.sync',
  OrderExceptionRaised: 'fulfillment.exceptions',
  FulfillmentFailed: 'fulfillment.shipments',
  PurchaseExceptionRaised: 'odoo.purchases',
  OrderRejected: 'sales.orders',
} as const;

export type FailureEventType = keyof typeof failureEvents;

/** Where a failure event was read: topic, partition, offset, and who produced it. */
export interface EventPlace {
  topic: string;
  partition: number;
  offset: string;
  eventId: string | null;
}

const millis = (v: unknown): number => (v instanceof Date ? v.getTime() : Number(v));

const none = {
  odooModel: null,
  odooMethod: null,
  channel: null,
  dlqTopic: null,
  group: null,
  retryable: null,
} as const;

/** The failures one decoded failure event stands for (OrderRejected: one per reason). */
export function failuresOfEvent(type: FailureEventType, value: unknown, at: EventPlace): Failure[] {
  const place = {
    topic: at.topic,
    eventType: type,
    eventId: at.eventId,
    ref: `${at.topic}/${at.partition}/${at.offset}`,
  };
  switch (type) {
    case 'OdooSyncFailed': {
      const e = value as OdooSyncFailed;
      return [
        {
          ...none,
          ...place,
          source: 'sync-failure',
          service: 'odoo-adapter',
          errorClass: e.errorCode,
          message: e.message,
          odooModel: e.odooModel,
          odooMethod: e.operation,
          orderId: e.orderId ?? null,
          at: millis(e.failedAt),
          retryable: e.retryable,
        },
      ];
    }
    case 'OrderExceptionRaised': {
      const e = value as OrderExceptionRaised;
      return [
        {
          ...none,
          ...place,
          source: 'order-exception',
          service: 'fulfillment',
          errorClass: e.code,
          message: e.message,
          orderId: e.orderId,
          at: millis(e.raisedAt),
          causeEventType: e.causeEventType ?? null,
        },
      ];
    }
    case 'FulfillmentFailed': {
      const e = value as FulfillmentFailed;
      return [
        {
          ...none,
          ...place,
          source: 'fulfillment-failure',
          service: 'fulfillment',
          errorClass: e.code,
          message: `${e.stage}: ${e.message}`,
          orderId: e.orderId,
          at: millis(e.failedAt),
        },
      ];
    }
    case 'PurchaseExceptionRaised': {
      const e = value as PurchaseExceptionRaised;
      return [
        {
          ...none,
          ...place,
          source: 'purchase-exception',
          service: 'odoo-adapter',
          errorClass: e.kind,
          message: e.detail,
          orderId: null,
          at: millis(e.raisedAt),
        },
      ];
    }
    case 'OrderRejected': {
      const e = value as OrderRejected;
      return e.reasons.map((r) => ({
        ...none,
        ...place,
        source: 'order-rejection' as const,
        service: 'order-intake',
        errorClass: r.code,
        message: r.field ? `${r.field}: ${r.message}` : r.message,
        channel: e.channelCode,
        orderId: e.orderId,
        at: millis(e.rejectedAt),
      }));
    }
  }
}

/**
 * The failures without the order exceptions raised because of another failure read here: an
 * OrderExceptionRaised caused by a FulfillmentFailed of the same order is that failure seen again
 * (fulfillment raises one for each), so a carrier outage makes one group, not two.
 */
export function withoutConsequences(failures: readonly Failure[]): Failure[] {
  const seen = new Set(
    failures.flatMap((f) => (f.orderId && f.eventType ? [`${f.eventType}/${f.orderId}`] : [])),
  );
  return failures.filter(
    (f) =>
      !(
        f.source === 'order-exception' &&
        f.causeEventType &&
        f.orderId &&
        seen.has(`${f.causeEventType}/${f.orderId}`)
      ),
  );
}

/**
 * The Odoo model and method a message names, as libs/odoo-client names its calls
 * (`sale.order/action_confirm`), else the model after "on"/"model"/"in"; nulls when none.
 */
export function odooCallOf(message: string): { model: string | null; method: string | null } {
  const call = /\b([a-z][a-z_]*(?:\.[a-z][a-z_]*)+)\/([a-z_][a-z0-9_]*)/.exec(message);
  if (call) return { model: call[1]!, method: call[2]! };
  const named = /\b(?:on|model|in) '?([a-z][a-z_]*(?:\.[a-z][a-z_]*)+)'?/.exec(message);
  return { model: named ? named[1]! : null, method: null };
}
