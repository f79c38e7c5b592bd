export { creditForReturn } from './credit/credit-for-return';
export type { CreditNoteDraft, CreditReturn } from './credit/credit-for-return';
export { formatDocumentNumber, numberingYear } from './document-number';
export type { DocumentSeries } from './document-number';
export { DomainError } from './errors';
export type { DomainErrorCode } from './errors';
export { decideImport } from './import/import-order';
export type {
  ImportDecision,
  ImportedInvoice,
  ImportedLine,
  ImportedOrder,
  ImportedState,
  ImportRefresh,
  KnownImport,
} from './import/import-types';
export { invoiceForShipment } from './invoice/invoice-for-shipment';
export type { InvoiceShipment } from './invoice/invoice-for-shipment';
export { lineAmount, lineTax, roundMinor } from './money';
export { applyPayment, invoiceBalance } from './payment/payment-status';
export type { InvoiceBalance, PaymentStatus } from './payment/payment-status';
export { expectedQuantity, matchBill } from './purchase/match-bill';
export type { MatchBill } from './purchase/match-bill';
export { matchedByLine, openMismatches, purchaseReport } from './purchase/purchase-report';
export type {
  DecidedBill,
  PurchaseReport,
  PurchaseReportBill,
  PurchaseReportLine,
} from './purchase/purchase-report';
export type * from './purchase/purchase-types';
export { reconcile } from './report/reconcile';
export type {
  ImportedRecord,
  Mismatch,
  MismatchCode,
  OrderRecord,
  ReconciliationReport,
  ReportImportedInvoice,
  ReportInvoice,
  ReportLine,
  ReportTotals,
} from './report/report-types';
export type * from './types';
