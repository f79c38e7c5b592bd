export type PaymentStatus = 'UNPAID' | 'PARTIALLY_PAID' | 'PAID' | 'OVERPAID' | 'CREDITED';

export interface InvoiceBalance {
  status: PaymentStatus;
  /** Invoice total minus credit notes: what the customer owes in all. */
  dueMinor: number;
  outstandingMinor: number;
  overpaidMinor: number;
}

/** Where an invoice stands once its credit notes and payments are applied. */
export function invoiceBalance(b: {
  totalMinor: number;
  creditedMinor: number;
  paidMinor: number;
}): InvoiceBalance {
  const dueMinor = b.totalMinor - b.creditedMinor;
  const outstandingMinor = Math.max(0, dueMinor - b.paidMinor);
  const overpaidMinor = Math.max(0, b.paidMinor - dueMinor);
  const status: PaymentStatus =
    overpaidMinor > 0
      ? 'OVERPAID'
      : outstandingMinor === 0
        ? b.paidMinor === 0
          ? 'CREDITED'
          : 'PAID'
        : b.paidMinor === 0
          ? 'UNPAID'
          : 'PARTIALLY_PAID';
  return { status, dueMinor, outstandingMinor, overpaidMinor };
}

/** The balance after one more payment (the payment is recorded whatever it does to the balance). */
export const applyPayment = (
  before: { totalMinor: number; creditedMinor: number; paidMinor: number },
  amountMinor: number,
): InvoiceBalance => invoiceBalance({ ...before, paidMinor: before.paidMinor + amountMinor });
