import type { SubmitResult } from '../../app/order/submit-order';
import type { StoredResponse } from './idempotency-store';

/** The response of POST /orders for each outcome; stored as is for idempotent replays. */
export function submitResponse(result: SubmitResult): StoredResponse {
  switch (result.outcome) {
    case 'accepted':
      return {
        status: 201,
        contentType: 'application/json',
        body: { orderId: result.orderId, status: 'accepted', order: result.event.data },
      };
    case 'rejected': {
      const { reasons } = result.event.data as { reasons: unknown[] };
      return {
        status: 422,
        contentType: 'application/problem+json',
        body: {
          type: 'urn:o2c:problem:order-rejected',
          title: 'Order rejected',
          status: 422,
          detail: `the order failed ${reasons.length} check(s); see reasons`,
          instance: `/orders/${result.orderId}`,
          orderId: result.orderId,
          reasons,
        },
      };
    }
    case 'duplicate':
      // Same channel order submitted again under another key: point at the live order.
      return {
        status: 200,
        contentType: 'application/json',
        body: { orderId: result.orderId, status: result.status, duplicate: true },
      };
  }
}
