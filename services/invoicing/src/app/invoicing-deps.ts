import type { Outbox } from '@o2c/outbox';
import type { PaymentStatus } from '../domain';

export interface InvoicingDeps {
  outbox: Outbox;
  /** Prepended to billing.invoices (isolated environments on a shared cluster, tests). */
  topicPrefix: string;
  taxRateBps: number;
  paymentTermsDays: number;
  now: () => number;
  newId: () => string;
  onIssued?: (document: 'invoice' | 'credit_note') => void;
  onPayment?: (status: PaymentStatus | 'UNKNOWN_INVOICE') => void;
  /** VENDOR_BILL_TOLERANCE_PERCENT: the three-way match's tolerance of quantity and price. */
  vendorBillTolerancePercent: number;
  onBillDecided?: (decision: 'MATCHED' | 'MISMATCHED') => void;
}

/** What caused a use case, carried into the envelope of the events it emits. */
export interface Cause {
  causationId?: string;
  traceparent?: string;
}
