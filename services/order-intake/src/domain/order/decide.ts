import { DomainError } from '../errors';
import type {
  CancelOrder,
  DecideContext,
  MasterData,
  OrderCommand,
  OrderEvent,
  OrderState,
  SubmitOrder,
} from './types';
import { resolveAliases } from './resolve-aliases';
import { validateHeader } from './validate-header';
import { validateLines } from './validate-lines';

function submit(
  { data: submitted }: SubmitOrder,
  state: OrderState | undefined,
  master: MasterData,
  ctx: DecideContext,
): OrderEvent[] {
  // A live order with this channel ref exists: a resubmission or replay, not a new order.
  // (A blank ref identifies nothing and is rejected below, never taken for a duplicate.)
  if (state && state.status !== 'rejected' && submitted.channelOrderRef.trim()) return [];
  const orderId = ctx.newOrderId();
  // From here on the order speaks Odoo's codes: what is accepted is what downstream maps.
  const data = resolveAliases(submitted, master.aliases);
  const { header, reasons: headerReasons } = validateHeader(data, master);
  const { lines, reasons: lineReasons } = validateLines(data.lines, master);
  const reasons = [...headerReasons, ...lineReasons];
  if (!header || reasons.length) {
    return [
      {
        type: 'OrderRejected',
        data: {
          orderId,
          channelCode: data.channelCode,
          channelOrderRef: data.channelOrderRef,
          reasons,
          rejectedAt: ctx.now,
        },
      },
    ];
  }
  const totalMinor = lines.reduce((sum, l) => sum + Math.round(l.quantity * l.unitPriceMinor), 0);
  return [
    {
      type: 'OrderAccepted',
      data: {
        orderId,
        channelCode: data.channelCode,
        channelOrderRef: data.channelOrderRef,
        ...header,
        lines,
        totalMinor,
        acceptedAt: ctx.now,
        requestedDeliveryAt: data.requestedDeliveryAt ?? null,
        customerPurchaseOrderRef: data.customerPurchaseOrderRef ?? null,
      },
    },
  ];
}

function cancel({ data }: CancelOrder, state: OrderState | undefined, now: number): OrderEvent[] {
  if (!state) throw new DomainError('ORDER_NOT_FOUND', `order ${data.orderId} does not exist`);
  if (state.status === 'cancelled') return [];
  if (state.status === 'imported') {
    throw new DomainError(
      'ORDER_NOT_CANCELLABLE',
      `order ${data.orderId} was imported from Odoo: it is cancelled in Odoo, not through the platform`,
    );
  }
  if (state.status !== 'accepted') {
    throw new DomainError(
      'ORDER_NOT_CANCELLABLE',
      `order ${data.orderId} is ${state.status}: only an accepted order not yet in fulfillment can be cancelled`,
    );
  }
  return [
    {
      type: 'OrderCancelled',
      data: {
        orderId: state.orderId,
        reasonCode: data.reasonCode,
        reasonText: data.reasonText ?? null,
        cancelledBy: data.cancelledBy,
        cancelledAt: now,
      },
    },
  ];
}

/**
 * The order's decider: the events a command causes given the current state. An empty list
 * means "already done" (duplicate submission, repeated cancel). Throws only DomainError.
 */
export function decide(
  command: OrderCommand,
  state: OrderState | undefined,
  master: MasterData,
  ctx: DecideContext,
): OrderEvent[] {
  return command.type === 'SubmitOrder'
    ? submit(command, state, master, ctx)
    : cancel(command, state, ctx.now);
}
