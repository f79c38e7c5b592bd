import type { Knex } from 'knex';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  orderId: string;
  body: string;
}

/** A delivery claimed for an attempt, with what signing and sending it needs. */
export interface DueDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  body: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
  /** Its number since the delivery was last requeued: the retry schedule's position. */
  roundAttempt: number;
  secrets: string[];
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/** Inserts in the caller's (inbox) transaction; a redelivered event adds nothing. */
export async function enqueueDeliveries(trx: Knex.Transaction, rows: NewDelivery[]) {
  if (rows.length === 0) return;
  await trx('webhook_deliveries')
    .insert(
      rows.map((r) => ({
        id: r.id,
        subscription_id: r.subscriptionId,
        event_id: r.eventId,
        event_type: r.eventType,
        order_id: r.orderId,
        body: r.body,
      })),
    )
    .onConflict(['subscription_id', 'event_id'])
    .ignore();
}

/**
 * Claims up to `limit` due deliveries of active subscriptions, each the oldest pending one of its
 * order for its subscription (one order's webhooks go out in order). A claim counts the attempt
 * and leases the delivery for `leaseMs`: a dispatcher that dies mid-send leaves it due again then.
 */
export async function claimDue(db: Knex, limit: number, leaseMs: number): Promise<DueDelivery[]> {
  const { rows } = await db.raw<{
    rows: Array<{
      id: string;
      subscription_id: string;
      url: string;
      body: string;
      attempts: number;
      round_start: number;
      secrets: string[];
    }>;
  }>(
    `with due as (
       select d.seq from webhook_deliveries d
       join webhook_subscriptions s on s.id = d.subscription_id
         and s.status = 'active' and s.deleted_at is null
       where d.status = 'pending' and d.next_attempt_at <= now()
         and not exists (
           select 1 from webhook_deliveries e
           where e.subscription_id = d.subscription_id and e.order_id = d.order_id
             and e.status = 'pending' and e.seq < d.seq)
       order by d.next_attempt_at
       limit ?
       for update of d skip locked)
     update webhook_deliveries d set
       attempts = d.attempts + 1,
       next_attempt_at = now() + ? * interval '1 millisecond'
     from due, webhook_subscriptions s
     where d.seq = due.seq and s.id = d.subscription_id
     returning d.id, d.subscription_id, s.url, d.body, d.attempts, d.round_start,
       array_remove(array[s.secret,
         case when s.previous_secret_expires_at > now() then s.previous_secret end], null) as secrets`,
    [limit, leaseMs],
  );
  return rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    url: r.url,
    body: r.body,
    attempt: r.attempts,
    roundAttempt: r.attempts - r.round_start,
    secrets: r.secrets,
  }));
}

/**
 * The delivery, unless it was requeued (replayed) or claimed again since this attempt's claim:
 * a replay that lands while the attempt is in flight must not be overwritten by its outcome.
 */
const thisRound = (trx: Knex.Transaction, a: AttemptRecord) =>
  trx('webhook_deliveries')
    .where({ id: a.deliveryId, attempts: a.attempt })
    .where('round_start', '<', a.attempt);

const insertAttempt = (trx: Knex.Transaction, a: AttemptRecord, outcome: string) =>
  trx('webhook_attempts').insert({
    delivery_id: a.deliveryId,
    attempt: a.attempt,
    started_at: a.startedAt,
    duration_ms: a.durationMs,
    status_code: a.statusCode,
    error: a.error,
    outcome,
  });

export async function markDelivered(db: Knex, a: AttemptRecord): Promise<void> {
  await db.transaction(async (trx) => {
    await insertAttempt(trx, a, 'delivered');
    await thisRound(trx, a).update({
      status: 'delivered',
      delivered_at: trx.fn.now(),
      last_error: null,
    });
  });
}

/** Records the failure; `retryInMs` undefined means the schedule is exhausted (failed for good). */
export async function markFailed(
  db: Knex,
  a: AttemptRecord,
  retryInMs: number | undefined,
): Promise<void> {
  await db.transaction(async (trx) => {
    await insertAttempt(trx, a, 'failed');
    await thisRound(trx, a).update(
      retryInMs === undefined
        ? { status: 'failed', last_error: a.error }
        : {
            last_error: a.error,
            next_attempt_at: trx.raw(`now() + ? * interval '1 millisecond'`, [retryInMs]),
          },
    );
  });
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  orderId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

const view = (r: Record<string, unknown>): DeliveryView => ({
  id: r.id as string,
  eventId: r.event_id as string,
  eventType: r.event_type as string,
  orderId: r.order_id as string,
  status: r.status as DeliveryStatus,
  attempts: r.attempts as number,
  nextAttemptAt: r.status === 'pending' ? (r.next_attempt_at as Date) : null,
  lastError: r.last_error as string | null,
  createdAt: r.created_at as Date,
  deliveredAt: r.delivered_at as Date | null,
});

export async function listDeliveries(
  db: Knex,
  subscriptionId: string,
  status: DeliveryStatus | undefined,
  limit: number,
): Promise<DeliveryView[]> {
  const q = db('webhook_deliveries')
    .where({ subscription_id: subscriptionId })
    .orderBy('seq', 'desc')
    .limit(limit);
  if (status) void q.where({ status });
  return ((await q) as Array<Record<string, unknown>>).map(view);
}

export async function findDelivery(db: Knex, id: string) {
  const row = (await db('webhook_deliveries').where({ id }).first()) as
    Record<string, unknown> | undefined;
  if (!row) return undefined;
  const attempts = await db<Record<string, unknown>>('webhook_attempts')
    .where({ delivery_id: id })
    .orderBy('attempt')
    .select('attempt', 'started_at', 'duration_ms', 'status_code', 'error', 'outcome');
  return {
    ...view(row),
    subscriptionId: row.subscription_id as string,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt as number,
      startedAt: a.started_at as Date,
      durationMs: a.duration_ms as number,
      statusCode: a.status_code as number | null,
      error: a.error as string | null,
      outcome: a.outcome as string,
    })),
  };
}

/**
 * Sends again: the subscription's deliveries created in [from, to), or one delivery, whatever
 * their status (a cancelled one stays cancelled). Same webhook-id, so receivers can dedupe.
 */
export async function requeue(
  db: Knex,
  where: { subscriptionId: string; from: Date; to: Date } | { deliveryId: string },
): Promise<number> {
  const q = db('webhook_deliveries').whereNot({ status: 'cancelled' });
  if ('deliveryId' in where) void q.where({ id: where.deliveryId });
  else
    void q
      .where({ subscription_id: where.subscriptionId })
      .where('created_at', '>=', where.from)
      .where('created_at', '<', where.to);
  return q.update({
    status: 'pending',
    next_attempt_at: db.fn.now(),
    delivered_at: null,
    round_start: db.ref('attempts'),
  });
}
