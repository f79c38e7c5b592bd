import type { Db } from '@o2c/db';
import type { Knex } from 'knex';

/** The body of a supplier's webhook, as validated by the route. */
export interface SupplierMessage {
  eventId: string;
  purchaseId: string;
  status: 'confirmed' | 'changed' | 'refused';
  supplierReference?: string | undefined;
  datePlanned?: string | undefined;
  lines?: Array<{ lineNo: number; quantity: number }> | undefined;
  reason?: string | undefined;
}

export interface MessageRow {
  event_id: string;
  purchase_id: string;
  status: SupplierMessage['status'];
  body: SupplierMessage;
  received_at: Date;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  applied_at: Date | null;
  outcome: string | null;
}

const messages = (db: Knex) => db<MessageRow>('odoo_supplier_messages');

/** Stores a message before it is acknowledged; false when its eventId was seen already. */
export async function storeMessage(db: Db, message: SupplierMessage): Promise<boolean> {
  const inserted = await messages(db)
    .insert({
      event_id: message.eventId,
      purchase_id: message.purchaseId,
      status: message.status,
      body: JSON.stringify(message) as never,
    })
    .onConflict('event_id')
    .ignore()
    .returning('event_id');
  return inserted.length === 1;
}

/**
 * Claims the messages not applied yet and due for a try (a lease of `leaseSeconds`), the oldest
 * first; only those of purchases placed in Odoo (a message cannot be applied before).
 */
export async function pendingMessages(db: Db, leaseSeconds = 120, limit = 20) {
  const claimed = await db.raw<{ rows: MessageRow[] }>(
    `update odoo_supplier_messages set next_attempt_at = now() + make_interval(secs => ?)
     where event_id in (
       select m.event_id from odoo_supplier_messages m
       join odoo_purchases p on p.purchase_id = m.purchase_id
       where m.applied_at is null and p.odoo_id is not null
         and (m.next_attempt_at is null or m.next_attempt_at <= now())
       order by m.received_at limit ? for update of m skip locked)
     returning *`,
    [leaseSeconds, limit],
  );
  return claimed.rows.sort((a, b) => a.received_at.getTime() - b.received_at.getTime());
}

export const messageApplied = (trx: Knex.Transaction, eventId: string, outcome: string) =>
  messages(trx).where({ event_id: eventId }).update({ applied_at: new Date(), outcome });

export const messageFailed = (db: Db, eventId: string, error: string, delayMs: number) =>
  messages(db)
    .where({ event_id: eventId })
    .update({
      last_error: error,
      next_attempt_at: new Date(Date.now() + delayMs),
      attempts: db.raw('attempts + 1'),
    });
