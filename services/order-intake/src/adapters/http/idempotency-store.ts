import type { Knex } from 'knex';

export interface StoredResponse {
  status: number;
  contentType: string;
  body: unknown;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' };

interface KeyRow {
  request_hash: string;
  state: 'in_flight' | 'done';
  response_status: number | null;
  response_type: string | null;
  response_body: unknown;
  stale: boolean;
}

/**
 * Claims a key for one request (own autocommitted statement, so a concurrent request sees it).
 * A claim left in flight by a crashed process is taken over once older than `staleMs`.
 */
export async function claimKey(
  db: Knex,
  key: string,
  hash: string,
  staleMs: number,
): Promise<Claim> {
  const inserted = await db('idempotency_keys')
    .insert({ key, request_hash: hash, state: 'in_flight' })
    .onConflict('key')
    .ignore()
    .returning('key');
  if (inserted.length) return { kind: 'claimed' };
  const row = await db('idempotency_keys')
    .where({ key })
    .first<KeyRow | undefined>(
      'request_hash',
      'state',
      'response_status',
      'response_type',
      'response_body',
      db.raw('locked_at < now() - make_interval(secs => ?) as stale', [staleMs / 1000]),
    );
  if (!row) return claimKey(db, key, hash, staleMs); // released meanwhile
  if (row.request_hash !== hash) return { kind: 'mismatch' };
  if (row.state === 'done') {
    return {
      kind: 'replay',
      response: {
        status: row.response_status!,
        contentType: row.response_type!,
        body: row.response_body,
      },
    };
  }
  if (!row.stale) return { kind: 'in-flight' };
  const taken = await db('idempotency_keys')
    .where({ key, state: 'in_flight' })
    .andWhereRaw('locked_at < now() - make_interval(secs => ?)', [staleMs / 1000])
    .update({ locked_at: db.fn.now() });
  return taken ? { kind: 'claimed' } : { kind: 'in-flight' };
}

/** Stores the response in the business transaction: the key is done exactly when the order is. */
export async function completeKey(
  trx: Knex.Transaction,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await trx('idempotency_keys')
    .where({ key })
    .update({
      state: 'done',
      response_status: response.status,
      response_type: response.contentType,
      response_body: JSON.stringify(response.body),
    });
}

/** Frees a key whose request failed before its transaction committed, so the client may retry. */
export async function releaseKey(db: Knex, key: string): Promise<void> {
  await db('idempotency_keys').where({ key, state: 'in_flight' }).delete();
}
