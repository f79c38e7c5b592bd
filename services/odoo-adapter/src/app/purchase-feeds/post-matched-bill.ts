import type { VendorBillMatched, VendorBillMismatched } from '@o2c/contracts';
import { PermanentError } from '@o2c/inbox';
import type { Knex } from 'knex';
import { recordBillOutcome } from '../../adapters/db/purchase-feed-ledger';
import type { OdooDeps } from '../odoo-deps';
import { toMinor } from './purchase-reads';

export interface PostBillDeps extends OdooDeps {
  /** IANA time zone whose calendar day is the bill date (ODOO_COMPANY_TIMEZONE). */
  timeZone: string;
  now?: () => number;
}

/** The calendar day of `at` in `timeZone`, as Odoo writes dates ('YYYY-MM-DD'). */
export const dayIn = (timeZone: string, at: number): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

/**
 * VendorBillMatched → the draft bill is posted in Odoo, with today's date as bill date when the
 * clerk left it empty (Odoo refuses to post a bill without one). A bill already posted is left
 * as it is, so a replayed or repeated match posts it once; a draft whose untaxed total changed
 * since the match is not posted (dead-lettered with the reason).
 */
export async function postMatchedBill(
  trx: Knex.Transaction,
  matched: VendorBillMatched,
  deps: PostBillDeps,
): Promise<'posted' | 'already-posted'> {
  const billId = Number(matched.odooBillId);
  const [bill] = await deps.odoo.read(
    'account.move',
    [billId],
    ['state', 'move_type', 'invoice_date', 'amount_untaxed'],
  );
  if (!bill || bill.move_type !== 'in_invoice')
    throw new PermanentError('BILL_NOT_IN_ODOO', `vendor bill ${billId} is not in Odoo`);
  await recordBillOutcome(trx, billId, matched.purchaseId, 'MATCHED');
  if (bill.state === 'posted') return 'already-posted';
  if (bill.state !== 'draft')
    throw new PermanentError(
      'BILL_NOT_DRAFT',
      `vendor bill ${billId} is '${String(bill.state)}' in Odoo: matched but not postable`,
    );
  // A draft edited in Odoo after invoicing matched it is no longer what was matched.
  const untaxedMinor = toMinor(bill.amount_untaxed);
  if (untaxedMinor !== matched.amountUntaxedMinor)
    throw new PermanentError(
      'BILL_CHANGED_SINCE_MATCH',
      `vendor bill ${billId} totals ${untaxedMinor} untaxed in Odoo, ${matched.amountUntaxedMinor} when matched: left a draft`,
    );
  if (!bill.invoice_date)
    await deps.odoo.write('account.move', [billId], {
      invoice_date: dayIn(deps.timeZone, (deps.now ?? Date.now)()),
    });
  await deps.odoo.call('account.move', 'action_post', { ids: [billId] });
  return 'posted';
}

/** VendorBillMismatched → the bill stays a draft for finance; only recorded here. */
export async function recordMismatchedBill(
  trx: Knex.Transaction,
  mismatched: VendorBillMismatched,
): Promise<void> {
  await recordBillOutcome(
    trx,
    Number(mismatched.odooBillId),
    mismatched.purchaseId,
    'MISMATCHED',
    mismatched.mismatches,
  );
}
