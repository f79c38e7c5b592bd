import { DomainError } from '../errors';
import { lineAmount, lineTax, QTY_EPSILON, sum, sumQty } from '../money';
import type { CreditLine, CreditNote, Invoice, InvoiceLine, QuantityLine } from '../types';

export interface CreditReturn {
  invoice: Invoice;
  /** Everything already credited against this invoice, by earlier credit notes. */
  credited: CreditLine[];
  returned: { returnId: string; lines: QuantityLine[] };
  creditNoteId: string;
  issuedAt: number;
}

/** A credit note before its legal number: numbered only once it is sure to be issued. */
export type CreditNoteDraft = Omit<CreditNote, 'creditNoteNumber'>;

const sameLine = (a: QuantityLine, b: QuantityLine) => a.lineNo === b.lineNo && a.sku === b.sku;

/** The invoice line a returned line credits: same line and SKU, else the line's only one. */
function invoicedLineOf(invoice: Invoice, returned: QuantityLine): InvoiceLine {
  const exact = invoice.lines.find((l) => sameLine(l, returned));
  const ofLine = invoice.lines.filter((l) => l.lineNo === returned.lineNo);
  const found = exact ?? (ofLine.length === 1 ? ofLine[0] : undefined);
  if (!found) {
    throw new DomainError(
      'RETURN_LINE_NOT_INVOICED',
      `returned line ${returned.lineNo} (${returned.sku}) is not on invoice ${invoice.invoiceNumber}`,
    );
  }
  return found;
}

function creditLine(
  invoiced: InvoiceLine,
  quantity: number,
  before: CreditLine[],
  c: CreditReturn,
) {
  const creditedQty = sumQty(before.map((l) => l.quantity));
  const remainingQty = sumQty([invoiced.quantity, -creditedQty]);
  if (quantity > remainingQty + QTY_EPSILON) {
    throw new DomainError(
      'CREDIT_EXCEEDS_INVOICED',
      `return ${c.returned.returnId} line ${invoiced.lineNo} (${invoiced.sku}): returns ` +
        `${quantity} ${invoiced.uom} but invoice ${c.invoice.invoiceNumber} invoiced ` +
        `${invoiced.quantity} and ${creditedQty} is already credited`,
    );
  }
  const remainingAmount = invoiced.amountMinor - sum(before.map((l) => l.amountMinor));
  const remainingTax = invoiced.taxMinor - sum(before.map((l) => l.taxMinor));
  // Crediting the rest of a line credits the rest of its money: per-part rounding never makes
  // the credits of a line exceed what it was invoiced.
  const last = Math.abs(quantity - remainingQty) <= QTY_EPSILON;
  const amountMinor = last
    ? remainingAmount
    : Math.min(remainingAmount, lineAmount(quantity, invoiced.unitPriceMinor));
  const taxMinor = last
    ? remainingTax
    : Math.min(remainingTax, lineTax(amountMinor, c.invoice.taxRateBps));
  const line: CreditLine = {
    lineNo: invoiced.lineNo,
    sku: invoiced.sku,
    quantity,
    uom: invoiced.uom,
    amountMinor,
    taxMinor,
  };
  return line;
}

/** A credit note (reason RETURN) for the returned lines, against the shipment's invoice. */
export function creditForReturn(c: CreditReturn): CreditNoteDraft {
  const lines: CreditLine[] = [];
  for (const returned of c.returned.lines.filter((l) => l.quantity > QTY_EPSILON)) {
    const invoiced = invoicedLineOf(c.invoice, returned);
    const before = [...c.credited, ...lines].filter((l) => sameLine(l, invoiced));
    lines.push(creditLine(invoiced, returned.quantity, before, c));
  }
  const netMinor = sum(lines.map((l) => l.amountMinor));
  const taxMinor = sum(lines.map((l) => l.taxMinor));
  return {
    creditNoteId: c.creditNoteId,
    orderId: c.invoice.orderId,
    invoiceId: c.invoice.invoiceId,
    returnId: c.returned.returnId,
    currency: c.invoice.currency,
    lines,
    netMinor,
    taxMinor,
    totalMinor: netMinor + taxMinor,
    reasonCode: 'RETURN',
    issuedAt: c.issuedAt,
  };
}
