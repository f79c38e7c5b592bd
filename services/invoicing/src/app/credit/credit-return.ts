import type { CreditNoteIssued, ReturnReceived } from '@o2c/contracts';
import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import {
  creditNotesOfInvoice,
  returnHandled,
  saveCreditNote,
  saveRejectedReturn,
} from '../../adapters/db/credit-note-repository';
import { nextDocumentNumber } from '../../adapters/db/document-numbers';
import { findInvoiceOfShipment } from '../../adapters/db/invoice-repository';
import { lockOrder } from '../../adapters/db/order-lock';
import { parkReturn } from '../../adapters/db/pending-return-repository';
import { creditForReturn, DomainError, type CreditNote } from '../../domain';
import { afterCommit } from '@o2c/db';
import type { Cause, InvoicingDeps } from '../invoicing-deps';

const toEvent = (c: CreditNote): CreditNoteIssued => ({
  orderId: c.orderId,
  creditNoteId: c.creditNoteId,
  creditNoteNumber: c.creditNoteNumber,
  invoiceId: c.invoiceId,
  returnId: c.returnId,
  currency: c.currency,
  lines: c.lines.map(({ taxMinor: _tax, ...line }) => line),
  totalMinor: c.totalMinor,
  reasonCode: c.reasonCode,
  issuedAt: c.issuedAt,
});

export type CreditOutcome =
  | { outcome: 'credited'; creditNote: CreditNote }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'awaiting-invoice' }
  | { outcome: 'duplicate' };

/**
 * ReturnReceived → a credit note against the shipment's invoice, with CreditNoteIssued in the
 * outbox. A return that credits more than was invoiced (or lines never invoiced) is refused
 * whole and kept: the report and /admin/verify show it; no retry could fix it.
 */
export async function creditReturn(
  trx: Knex.Transaction,
  returned: ReturnReceived,
  deps: InvoicingDeps,
  cause: Cause,
): Promise<CreditOutcome> {
  await lockOrder(trx, returned.orderId);
  if (await returnHandled(trx, returned.returnId)) return { outcome: 'duplicate' };
  const invoice = await findInvoiceOfShipment(trx, returned.shipmentId);
  if (!invoice) {
    // Its shipment is parked until the order arrives: park the return behind it.
    await parkReturn(trx, returned, cause.causationId ?? null);
    return { outcome: 'awaiting-invoice' };
  }
  const credited = (await creditNotesOfInvoice(trx, invoice.invoiceId)).flatMap((c) => c.lines);
  const issuedAt = deps.now();
  let draft;
  try {
    draft = creditForReturn({
      invoice,
      credited,
      returned,
      creditNoteId: deps.newId(),
      issuedAt,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const { returnId, orderId, shipmentId } = returned;
    await saveRejectedReturn(trx, { returnId, orderId, shipmentId, reason: error.message });
    return { outcome: 'refused', reason: error.message };
  }
  const creditNote = {
    ...draft,
    creditNoteNumber: await nextDocumentNumber(trx, 'RINV', issuedAt),
  };
  await saveCreditNote(trx, creditNote);
  await deps.outbox.append(
    trx,
    eventFor('CreditNoteIssued', toEvent(creditNote), {
      correlationId: creditNote.orderId,
      topicPrefix: deps.topicPrefix,
      occurredAt: issuedAt,
      ...cause,
    }),
  );
  afterCommit(trx, () => deps.onIssued?.('credit_note'));
  return { outcome: 'credited', creditNote };
}
