export { asyncApiDocument } from './asyncapi-document';
export type { AvroRecordSchema, EventContract, TopicContract } from './contract-types';
export {
  contractOf,
  isEventType,
  keyOf,
  schemaOf,
  subjectOf,
  SUBJECT_COMPATIBILITY,
  topicContractOf,
  topicOf,
  topicSpecOf,
  UnknownEventTypeError,
} from './event-contracts';
export { eventCatalogue, eventTypes } from './generated/catalogue';
export type { EventPayloads, EventType } from './generated/catalogue';
export { topicCatalogue } from './generated/topics';
export { eventUpcasters } from './generated/upcasters';
export type { Upcaster } from './generated/upcasters';
export { upcastToLatest, UpcastError } from './upcast';
export type { TopicName } from './generated/topics';
export type {
  BillMismatch,
  CreditedLine,
  CreditNoteIssued,
  InvoiceIssued,
  InvoiceLine,
  VendorBillMatched,
  VendorBillMismatched,
} from './generated/billing';
export type { OrderSubmitted, SubmittedAddress, SubmittedOrderLine } from './generated/channels';
export type { FlowAnomalyCleared, FlowAnomalyDetected } from './generated/ops';
export type {
  FulfillmentFailed,
  FulfillmentRequested,
  OrderExceptionRaised,
  ReturnedLine,
  ReturnReceived,
  ShipmentBooked,
  ShipmentDelivered,
  ShipmentDispatched,
  ShipmentLine,
  ShippedLine,
} from './generated/fulfillment';
export type {
  BackorderedLine,
  InventoryDriftDetected,
  ReleasedLine,
  ReplenishmentApproved,
  ReplenishmentProposed,
  ReplenishmentRejected,
  ReservationReleased,
  ReservedLine,
  StockBackordered,
  StockLevelChanged,
  StockReserved,
} from './generated/inventory';
export type {
  BilledPurchaseLine,
  ConfirmedPurchaseLine,
  CustomerChanged,
  OdooDeliveryValidated,
  OdooSyncFailed,
  PaymentReceived,
  ProductChanged,
  PurchaseExceptionRaised,
  PurchaseLine,
  PurchaseOrderConfirmed,
  PurchaseOrderPlaced,
  PurchaseOrderRefused,
  PurchaseReceiptValidated,
  ReceivedPurchaseLine,
  ShadowDivergenceDetected,
  StockQuantChanged,
  StockQuantChangedV1,
  StockQuantChangedV2,
  UnitOfMeasureChanged,
  VendorBillReceived,
  WarehouseChanged,
} from './generated/odoo';
export type {
  Address,
  ImportedInvoice,
  ImportedLine,
  OrderAccepted,
  OrderAcceptedV1,
  OrderAcceptedV2,
  OrderCancelled,
  OrderImported,
  OrderLine,
  OrderRejected,
  RejectionReason,
} from './generated/sales';
