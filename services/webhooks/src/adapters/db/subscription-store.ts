import type { Knex } from 'knex';
import type { Subscription, SubscriptionFilter } from '../../domain';

interface Row {
  id: string;
  url: string;
  event_types: string[];
  filter: SubscriptionFilter;
  description: string | null;
  status: Subscription['status'];
  consecutive_failures: number;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  disabled_at: Date | null;
  deleted_at: Date | null;
}

/** A subscription as stored, with its signing secrets (never shown after creation or rotation). */
export interface StoredSubscription extends Subscription {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const toSubscription = (r: Row): StoredSubscription => ({
  id: r.id,
  url: r.url,
  eventTypes: r.event_types,
  filter: r.filter,
  description: r.description,
  status: r.status,
  consecutiveFailures: r.consecutive_failures,
  disabledReason: r.disabled_reason,
  secret: r.secret,
  previousSecret: r.previous_secret,
  previousSecretExpiresAt: r.previous_secret_expires_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const live = (db: Knex) => db<Row>('webhook_subscriptions').whereNull('deleted_at');

export interface NewSubscription {
  id: string;
  url: string;
  eventTypes: string[];
  filter: SubscriptionFilter;
  description: string | null;
  secret: string;
}

export type SubscriptionChange = Partial<
  Pick<NewSubscription, 'url' | 'eventTypes' | 'filter' | 'description'>
>;

export async function insertSubscription(db: Knex, s: NewSubscription) {
  const [row] = await db<Row>('webhook_subscriptions')
    .insert({
      id: s.id,
      url: s.url,
      event_types: s.eventTypes,
      filter: s.filter,
      description: s.description,
      secret: s.secret,
    })
    .returning('*');
  return toSubscription(row as Row);
}

export async function findSubscription(db: Knex, id: string) {
  const row = await live(db).where({ id }).first();
  return row && toSubscription(row);
}

export async function listSubscriptions(db: Knex) {
  return (await live(db).orderBy('created_at')).map(toSubscription);
}

/** Live subscriptions (active or disabled) that list this event type. */
export async function subscriptionsFor(db: Knex, eventType: string) {
  const rows = await live(db).whereRaw('? = any(event_types)', [eventType]);
  return rows.map(toSubscription);
}

/** Applies `change` (undefined fields stay) and returns the result, or undefined if unknown. */
export async function updateSubscription(db: Knex, id: string, change: SubscriptionChange) {
  const [row] = await live(db)
    .where({ id })
    .update({
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.eventTypes !== undefined ? { event_types: change.eventTypes } : {}),
      ...(change.filter !== undefined ? { filter: change.filter } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      updated_at: db.fn.now(),
    })
    .returning('*');
  return row && toSubscription(row);
}

/** Deletes (keeps the row for the delivery history) and cancels what it has pending. */
export async function deleteSubscription(db: Knex, id: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    const n = await live(trx).where({ id }).update({ deleted_at: trx.fn.now() });
    await trx('webhook_deliveries')
      .where({ subscription_id: id, status: 'pending' })
      .update({ status: 'cancelled' });
    return n > 0;
  });
}

/** A new secret; the current one stays valid (it signs too) for `overlapMs`. */
export async function rotateSecret(db: Knex, id: string, secret: string, overlapMs: number) {
  const [row] = await live(db)
    .where({ id })
    .update({
      previous_secret: db.ref('secret'),
      previous_secret_expires_at: db.raw(`now() + ? * interval '1 millisecond'`, [overlapMs]),
      secret,
      updated_at: db.fn.now(),
    })
    .returning('*');
  return row && toSubscription(row);
}

/** Re-enables a subscription and makes its waiting deliveries due now. */
export async function enableSubscription(db: Knex, id: string) {
  return db.transaction(async (trx) => {
    const [row] = await live(trx)
      .where({ id })
      .update({
        status: 'active',
        consecutive_failures: 0,
        disabled_reason: null,
        disabled_at: null,
        updated_at: trx.fn.now(),
      })
      .returning('*');
    if (!row) return undefined;
    await trx('webhook_deliveries')
      .where({ subscription_id: id, status: 'pending' })
      .update({ next_attempt_at: trx.fn.now() });
    return toSubscription(row);
  });
}

/** Counts a success (resets the failure count) or a failure; disables at `threshold` failures. */
export async function recordOutcome(
  db: Knex,
  id: string,
  delivered: boolean,
  threshold: number,
): Promise<{ disabled: boolean }> {
  if (delivered) {
    await db('webhook_subscriptions').where({ id }).update({ consecutive_failures: 0 });
    return { disabled: false };
  }
  const { rows } = await db.raw<{ rows: Array<{ disabled: boolean }> }>(
    `update webhook_subscriptions set
       consecutive_failures = consecutive_failures + 1,
       status = case when consecutive_failures + 1 >= ? then 'disabled' else status end,
       disabled_at = case when consecutive_failures + 1 >= ? and status = 'active' then now() else disabled_at end,
       disabled_reason = case when consecutive_failures + 1 >= ? and status = 'active'
         then ? else disabled_reason end
     where id = ?
     returning (status = 'disabled') as disabled`,
    [threshold, threshold, threshold, `${threshold} consecutive failed attempts`, id],
  );
  return { disabled: rows[0]?.disabled ?? false };
}
