import type { OrderStatus } from './types';

/** What order-intake keeps of an order's downstream progress, for its status and GET /orders/:id. */
export interface OrderProgress {
  shipmentsDispatched: number;
  shipmentsDelivered: number;
  /** A dispatched shipment said nothing of the order remains to ship. */
  allDispatched: boolean;
  invoicedMinor: number;
  creditedMinor: number;
  paidMinor: number;
  exceptions: number;
}

export const initialProgress: OrderProgress = {
  shipmentsDispatched: 0,
  shipmentsDelivered: 0,
  allDispatched: false,
  invoicedMinor: 0,
  creditedMinor: 0,
  paidMinor: 0,
  exceptions: 0,
};

/** A downstream event as far as order progress is concerned. */
export interface ProgressEvent {
  type: string;
  data: Record<string, unknown>;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function evolveProgress(p: OrderProgress, { type, data }: ProgressEvent): OrderProgress {
  switch (type) {
    case 'ShipmentDispatched':
      return {
        ...p,
        shipmentsDispatched: p.shipmentsDispatched + 1,
        allDispatched: p.allDispatched || data.lastShipment === true,
      };
    case 'ShipmentDelivered':
      return { ...p, shipmentsDelivered: p.shipmentsDelivered + 1 };
    case 'InvoiceIssued':
      return { ...p, invoicedMinor: p.invoicedMinor + num(data.totalMinor) };
    case 'CreditNoteIssued':
      return { ...p, creditedMinor: p.creditedMinor + num(data.totalMinor) };
    case 'PaymentReceived':
      return { ...p, paidMinor: p.paidMinor + num(data.amountMinor) };
    case 'OrderExceptionRaised':
      return { ...p, exceptions: p.exceptions + 1 };
    default:
      return p;
  }
}

function statusOf(status: OrderStatus, p: OrderProgress, event: ProgressEvent): OrderStatus {
  // order-intake's own decisions are final; downstream news only enriches the timeline. An
  // imported order is finished by the path that wrote it in Odoo: it stays `imported`.
  if (status === 'rejected' || status === 'cancelled' || status === 'imported') return status;
  // A warning (e.g. a delivery overdue) is news; an error means a human must decide.
  if (event.type === 'OrderExceptionRaised' && event.data.severity !== 'WARNING')
    return 'exception';
  if (status === 'exception') return status;
  if (p.allDispatched && p.shipmentsDelivered >= p.shipmentsDispatched) return 'delivered';
  if (p.allDispatched) return 'shipped';
  if (event.type === 'FulfillmentRequested' || p.shipmentsDispatched > 0) return 'fulfilling';
  return status;
}

/** Pure: the order's next status and progress after one downstream event. */
export function followProgress(
  state: { status: OrderStatus; progress: OrderProgress },
  event: ProgressEvent,
): { status: OrderStatus; progress: OrderProgress } {
  const progress = evolveProgress(state.progress, event);
  return { status: statusOf(state.status, progress, event), progress };
}
