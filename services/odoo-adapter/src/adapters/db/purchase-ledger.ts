import { randomUUID } from 'node:crypto';
import type { ReplenishmentApproved } from '@o2c/contracts';
import type { Db } from '@o2c/db';
import type { Knex } from 'knex';

export type PurchaseState = 'OPEN' | 'PLACING' | 'PLACED' | 'FAILED' | 'CONFIRMED' | 'REFUSED';

export interface PurchaseLineRecord {
  lineNo: number;
  sku: string;
  quantity: number;
  uom: string;
  unitPriceMinor: number;
  proposalIds: string[];
}

export interface PurchaseRow {
  purchase_id: string;
  supplier_code: string;
  warehouse_code: string;
  currency: string;
  state: PurchaseState;
  closes_at: Date;
  attempts: number;
  odoo_id: number | null;
  odoo_reference: string | null;
  lines: PurchaseLineRecord[] | null;
  date_planned: Date | null;
  placed_at: Date | null;
  sent_at: Date | null;
  send_attempts: number;
  confirmed_at: Date | null;
  refused_at: Date | null;
  overdue_raised_at: Date | null;
  failed_reason: string | null;
  next_attempt_at: Date | null;
  last_error: string | null;
  send_next_at: Date | null;
  send_last_error: string | null;
}

export interface ProposalRow {
  proposal_id: string;
  purchase_id: string;
  sku: string;
  uom: string;
  quantity: number;
  unit_cost_minor: string | number;
  needed_by: Date;
  approved_at: Date;
}

const purchases = (db: Knex) => db<PurchaseRow>('odoo_purchases');
const after = (ms: number) => new Date(Date.now() + ms);

/**
 * Adds an approval to the open batch of its supplier, warehouse and currency (opening one that
 * closes `windowMs` from now), in the consumer's transaction. A proposal already in a batch
 * (redelivered or replayed) changes nothing.
 */
export async function joinBatch(
  trx: Knex.Transaction,
  approval: ReplenishmentApproved,
  windowMs: number,
): Promise<{ purchaseId: string; joined: boolean; opened: boolean }> {
  const known = await trx<ProposalRow>('odoo_purchase_proposals')
    .where({ proposal_id: approval.proposalId })
    .first('purchase_id');
  if (known) return { purchaseId: known.purchase_id, joined: false, opened: false };
  const group = `${approval.supplierCode}/${approval.warehouseCode}/${approval.currency}`;
  // Approvals of one group on different partitions must not open two batches.
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`odoo_purchases:${group}`]);
  // FOR UPDATE re-reads a batch the placer just closed, so nothing joins a batch being placed.
  const open = await purchases(trx)
    .where({
      supplier_code: approval.supplierCode,
      warehouse_code: approval.warehouseCode,
      currency: approval.currency,
      state: 'OPEN',
    })
    .whereRaw('closes_at > now()')
    .forUpdate()
    .first('purchase_id');
  let purchaseId = open?.purchase_id;
  if (!purchaseId) {
    purchaseId = `PUR-${randomUUID()}`;
    await purchases(trx).insert({
      purchase_id: purchaseId,
      supplier_code: approval.supplierCode,
      warehouse_code: approval.warehouseCode,
      currency: approval.currency,
      state: 'OPEN',
      closes_at: trx.raw('now() + make_interval(secs => ?)', [windowMs / 1000]),
    });
  }
  await trx('odoo_purchase_proposals').insert({
    proposal_id: approval.proposalId,
    purchase_id: purchaseId,
    sku: approval.sku,
    uom: approval.uom,
    quantity: approval.quantity,
    unit_cost_minor: approval.unitCostMinor,
    needed_by: new Date(approval.neededBy),
    approved_at: new Date(approval.approvedAt),
  });
  return { purchaseId, joined: true, opened: !open };
}

export const findPurchase = (db: Knex, purchaseId: string) =>
  purchases(db).where({ purchase_id: purchaseId }).first();

/** How long a claimed batch or message is left to the instance that claimed it. */
export const LEASE_SECONDS = 120;

/**
 * Closes the batches whose window passed and claims the closed ones due for a placement try:
 * their next try moves a lease ahead, so another instance does not place them meanwhile.
 */
export async function batchesToPlace(db: Db, limit = 20): Promise<PurchaseRow[]> {
  await purchases(db)
    .where({ state: 'OPEN' })
    .whereRaw('closes_at <= now()')
    .update({ state: 'PLACING' });
  const claimed = await db.raw<{ rows: PurchaseRow[] }>(
    `update odoo_purchases set next_attempt_at = now() + make_interval(secs => ?)
     where purchase_id in (
       select purchase_id from odoo_purchases
       where state = 'PLACING' and (next_attempt_at is null or next_attempt_at <= now())
       order by closes_at limit ? for update skip locked)
     returning *`,
    [LEASE_SECONDS, limit],
  );
  return claimed.rows.sort((a, b) => a.closes_at.getTime() - b.closes_at.getTime());
}

export const proposalsOf = (db: Knex, purchaseId: string) =>
  db<ProposalRow>('odoo_purchase_proposals')
    .where({ purchase_id: purchaseId })
    .orderBy([{ column: 'approved_at' }, { column: 'joined_at' }, { column: 'proposal_id' }]);

export async function markPlaced(
  trx: Knex.Transaction,
  purchaseId: string,
  placed: {
    odooId: number;
    odooReference: string;
    lines: PurchaseLineRecord[];
    datePlanned: number;
    placedAt: number;
  },
): Promise<boolean> {
  const n = await purchases(trx)
    .where({ purchase_id: purchaseId, state: 'PLACING' })
    .update({
      state: 'PLACED',
      odoo_id: placed.odooId,
      odoo_reference: placed.odooReference,
      lines: JSON.stringify(placed.lines) as never,
      date_planned: new Date(placed.datePlanned),
      placed_at: new Date(placed.placedAt),
      last_error: null,
    });
  return n === 1;
}

export async function markFailed(trx: Knex.Transaction, purchaseId: string, reason: string) {
  const n = await purchases(trx)
    .where({ purchase_id: purchaseId, state: 'PLACING' })
    .update({ state: 'FAILED', failed_reason: reason });
  return n === 1;
}

export const placementFailed = (db: Db, purchaseId: string, error: string, delayMs: number) =>
  purchases(db)
    .where({ purchase_id: purchaseId })
    .update({
      last_error: error,
      next_attempt_at: after(delayMs),
      attempts: db.raw('attempts + 1'),
    });

/** Placed purchases not yet accepted by the supplier, due for a (re)try. */
export const purchasesToSend = (db: Db, limit = 20) =>
  purchases(db)
    .where({ state: 'PLACED' })
    .whereNull('sent_at')
    .whereRaw('(send_next_at is null or send_next_at <= now())')
    .orderBy('placed_at')
    .limit(limit);

export const markSent = (db: Db, purchaseId: string) =>
  purchases(db)
    .where({ purchase_id: purchaseId })
    .update({
      sent_at: new Date(),
      send_last_error: null,
      send_attempts: db.raw('send_attempts + 1'),
    });

export const sendFailed = (db: Db, purchaseId: string, error: string, delayMs: number) =>
  purchases(db)
    .where({ purchase_id: purchaseId })
    .update({
      send_last_error: error,
      send_next_at: after(delayMs),
      send_attempts: db.raw('send_attempts + 1'),
    });

export async function markConfirmed(trx: Knex.Transaction, purchaseId: string) {
  await purchases(trx)
    .where({ purchase_id: purchaseId })
    .update({ state: 'CONFIRMED', confirmed_at: new Date() });
}

export async function markRefused(trx: Knex.Transaction, purchaseId: string) {
  await purchases(trx)
    .where({ purchase_id: purchaseId })
    .update({ state: 'REFUSED', refused_at: new Date() });
}

/**
 * Flags, once, the placed purchases the supplier has neither confirmed nor refused within
 * `timeoutMs`; returns them (the caller raises the exception in the same transaction).
 */
export async function claimOverdue(
  trx: Knex.Transaction,
  timeoutMs: number,
): Promise<PurchaseRow[]> {
  return purchases(trx)
    .where({ state: 'PLACED' })
    .whereNull('confirmed_at')
    .whereNull('refused_at')
    .whereNull('overdue_raised_at')
    .whereRaw('placed_at <= now() - make_interval(secs => ?)', [timeoutMs / 1000])
    .update({ overdue_raised_at: new Date() })
    .returning('*');
}
