import type { CreditNoteIssued } from '@o2c/contracts';
import { PermanentError } from '@o2c/inbox';
import {
  commands,
  m2oId,
  type OdooClient,
  type OdooRecord,
  type X2ManyCommand,
} from '@o2c/odoo-client';
import { productOf } from '../../domain/master-data';
import type { OdooDeps } from '../odoo-deps';

interface Move extends OdooRecord {
  id: number;
  state: string;
  invoice_line_ids: number[];
}

interface MoveLine extends OdooRecord {
  id: number;
  product_id: [number, string] | false;
  quantity: number;
}

const movesOf = (odoo: OdooClient, domain: unknown[]) =>
  odoo.searchRead<Move>('account.move', domain, {
    fields: ['state', 'invoice_line_ids'],
    order: 'id asc',
  });

/**
 * The reversal wizard copies the whole invoice; a return credits part of it. Each line of the
 * draft credit note keeps the credited quantity of its product (taken line by line) and the rest
 * is deleted. Crediting a product the invoice lacks, or more of it, cannot be fixed by a retry.
 */
export function creditLineCommands(
  lines: ReadonlyArray<{ id: number; productId: number | null; quantity: number }>,
  credited: ReadonlyArray<{ productId: number; sku: string; quantity: number }>,
): X2ManyCommand[] {
  const left = new Map<number, number>();
  for (const c of credited) left.set(c.productId, (left.get(c.productId) ?? 0) + c.quantity);
  const result = lines.map((line) => {
    const want = line.productId === null ? 0 : (left.get(line.productId) ?? 0);
    const take = Math.min(want, line.quantity);
    if (line.productId !== null) left.set(line.productId, want - take);
    return take > 1e-9 ? commands.update(line.id, { quantity: take }) : commands.delete(line.id);
  });
  const over = credited.find((c) => (left.get(c.productId) ?? 0) > 1e-9);
  if (over) {
    throw new PermanentError(
      'CREDIT_EXCEEDS_ODOO_INVOICE',
      `credits ${over.sku} beyond what the Odoo invoice holds (${left.get(over.productId)} left over)`,
    );
  }
  return result;
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
      const context = {
        active_model: 'account.move',
        active_ids: [invoice.id],
        active_id: invoice.id,
      };
      const wizard = await odoo.create(
        'account.move.reversal',
        {
          reason: `${note.creditNoteNumber} ${note.reasonCode}`,
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
  const lines = await odoo.read<MoveLine>('account.move.line', move.invoice_line_ids, [
    'product_id',
    'quantity',
  ]);
  const credited = await deps.masterData.withMasterData((md) =>
    note.lines.map((l) => ({
      productId: productOf(md, l.sku).id,
      sku: l.sku,
      quantity: l.quantity,
    })),
  );
  const lineCommands = creditLineCommands(
    lines.map((l) => ({ id: l.id, productId: m2oId(l.product_id), quantity: l.quantity })),
    credited,
  );
  await odoo.write('account.move', [move.id], {
    ref: note.creditNoteId,
    invoice_line_ids: lineCommands,
  });
  await odoo.call('account.move', 'action_post', { ids: [move.id] });
  return { moveId: move.id, posted: true };
}
