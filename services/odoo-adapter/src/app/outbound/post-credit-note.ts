import type { CreditNoteIssued } from '@o2c/contracts';
import { PermanentError } from '@o2c/inbox';
import { m2oId, type OdooClient, type OdooRecord, type X2ManyCommand } from '@o2c/odoo-client';
import { cutDraft, type DraftLine, type WantedLine } from '../../domain/draft-lines';
import type { OdooDeps } from '../odoo-deps';
import { draftLines, wantedLines } from './draft-moves';

interface Move extends OdooRecord {
  id: number;
  state: string;
  invoice_line_ids: number[];
  journal_id: [number, string] | false;
}

const movesOf = (odoo: OdooClient, domain: unknown[]) =>
  odoo.searchRead<Move>('account.move', domain, {
    fields: ['state', 'invoice_line_ids', 'journal_id'],
    order: 'id asc',
  });

/** A credit beyond what the Odoo invoice holds cannot be fixed by a retry. */
export function creditLineCommands(
  lines: readonly DraftLine[],
  credited: readonly WantedLine[],
): X2ManyCommand[] {
  const cut = cutDraft(lines, credited);
  if (cut.short) {
    throw new PermanentError(
      'CREDIT_EXCEEDS_ODOO_INVOICE',
      `credits ${cut.short.sku} beyond what the Odoo invoice holds (${cut.short.missing} left over)`,
    );
  }
  return cut.commands;
}

/** The draft credit note the wizard made for our invoice, not yet tagged with a credit note id. */
const untaggedDraft = (odoo: OdooClient, invoiceId: number) =>
  movesOf(odoo, [
    ['move_type', '=', 'out_refund'],
    ['reversed_entry_id', '=', invoiceId],
    ['state', '=', 'draft'],
    ['ref', '=like', 'Reversal of:%'],
  ]).then((found) => found[0]);

/**
 * CreditNoteIssued → an Odoo credit note (out_refund) through the `account.move.reversal`
 * wizard of the invoice tagged with our invoice id, cut down to the credited quantities, tagged
 * with our credit note id in `ref` and posted. Idempotent: a credit note tagged with our id is
 * only posted if still draft, and a draft reversal left untagged by an interrupted attempt is
 * adopted instead of creating another.
 */
export async function postCreditNote(note: CreditNoteIssued, deps: OdooDeps) {
  const { odoo } = deps;
  let [move] = await movesOf(odoo, [
    ['move_type', '=', 'out_refund'],
    ['ref', '=', note.creditNoteId],
  ]);
  if (!move) {
    const [invoice] = await movesOf(odoo, [
      ['move_type', '=', 'out_invoice'],
      ['ref', '=', note.invoiceId],
    ]);
    // InvoiceIssued precedes us on billing.invoices; it may still be retrying against Odoo.
    if (invoice?.state !== 'posted')
      throw new Error(`invoice ${note.invoiceId} not posted in Odoo yet`);
    move = await untaggedDraft(odoo, invoice.id);
    if (!move) {
      const { major } = await deps.profile();
      const journal = m2oId(invoice.journal_id);
      const context = {
        active_model: 'account.move',
        active_ids: [invoice.id],
        active_id: invoice.id,
      };
      const wizard = await odoo.create(
        'account.move.reversal',
        {
          reason: `${note.creditNoteNumber} ${note.reasonCode}`,
          // Odoo 17 refuses the wizard without a journal: the invoice's, as the UI proposes.
          ...(journal === null ? {} : { journal_id: journal }),
          ...(major === 16 ? { refund_method: 'refund' } : {}),
        },
        { context },
      );
      const method = major === 16 ? 'reverse_moves' : 'refund_moves';
      await odoo.call('account.move.reversal', method, { ids: [wizard], context });
      move = await untaggedDraft(odoo, invoice.id);
      if (!move) throw new Error(`Odoo created no credit note for invoice ${note.invoiceId}`);
    }
  }
  if (move.state !== 'draft') return { moveId: move.id, posted: false };
  const lineCommands = creditLineCommands(
    await draftLines(deps, move.invoice_line_ids),
    await wantedLines(deps, note.lines),
  );
  await odoo.write('account.move', [move.id], {
    ref: note.creditNoteId,
    invoice_line_ids: lineCommands,
  });
  await odoo.call('account.move', 'action_post', { ids: [move.id] });
  return { moveId: move.id, posted: true };
}
