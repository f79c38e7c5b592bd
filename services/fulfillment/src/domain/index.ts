export { DomainError, type DomainErrorCode } from './errors';
export type {
  DecideContext,
  Decision,
  FulfillmentEvent,
  Line,
  SagaPolicy,
  Shipment,
  ShipmentState,
} from './shipment/types';
export { requestShipment } from './shipment/request-shipment';
export { stepDueAt } from './shipment/step-due';
export { decideBooking, retryDelay, type BookingOutcome } from './shipment/decide-booking';
export { decideMilestone, type Milestone } from './shipment/decide-milestone';
export {
  decideDispatchTimeout,
  decideDeliveryTimeout,
  type CancelOutcome,
} from './shipment/decide-timeout';
export { decideOrderCancelled, decideCancelBooking } from './shipment/decide-cancel';
export {
  nothingLeftToShip,
  orderState,
  releasedByLine,
  remainingByLine,
  shippedByLine,
  shippedByShipments,
  type ByLine,
  type OrderState,
  type OrderView,
} from './order/order-progress';
export {
  decideImport,
  decideImportCancel,
  decideRefresh,
  type AppliedImport,
  type ImportCancelOutcome,
  type ImportedOrder,
  type ImportedState,
  type RefreshDecision,
} from './order/decide-import';
export { decideReturn, type RecordReturn } from './order/decide-return';
export { missedMilestones, type TrackedMilestone } from './shipment/missed-milestones';
