import type pg from 'pg';
import { parkRows, splitOversized, type ParkedRow } from './relay-parking';

/** An outbox row as the relay publishes it. */
export interface RelayRow {
  id: string;
  topic: string;
  key: string;
  eventType: string;
  payload: Buffer;
  headers: Record<string, string>;
  createdAt: Date;
  relayBatch: number;
}

const columns = 'id, topic, key, event_type, payload, headers, created_at, relay_batch';

interface RawRow {
  id: string;
  topic: string;
  key: string;
  event_type: string;
  payload: Buffer;
  headers: Record<string, string>;
  created_at: Date;
  relay_batch: string;
}

const toRow = (r: RawRow): RelayRow => ({
  id: r.id,
  topic: r.topic,
  key: r.key,
  eventType: r.event_type,
  payload: r.payload,
  headers: r.headers,
  createdAt: r.created_at,
  relayBatch: Number(r.relay_batch),
});

const byId = (a: RelayRow, b: RelayRow) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1);

async function inTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

// Unclaimed rows the relay may take: not of a key with a parked row (they wait behind it).
const claimable = `published_at is null and relay_batch is null
  and not exists (select 1 from outbox_parked p where p.topic = o.topic and p.key = o.key)`;

export interface RelayStoreOptions {
  /** Rows over this (as a Kafka message) are parked with the later rows of their key. */
  maxMessageBytes: number;
  onParked: (parked: ParkedRow[]) => void;
}

/** SQL of the relay, run on its lock-holding session. */
export function createRelayStore(client: pg.Client, options: RelayStoreOptions) {
  /** Parks what cannot be published (inside the caller's transaction); returns the rest. */
  const withoutOversized = async (rows: RelayRow[]): Promise<RelayRow[]> => {
    const { publish, park } = splitOversized(rows, options.maxMessageBytes);
    if (park.length === 0) return rows;
    await parkRows(client, park);
    options.onParked(park);
    return publish;
  };

  const markBatch = (batch: number) =>
    client.query(
      `update outbox set published_at = now()
       where published_at is null and relay_batch = $1`,
      [batch],
    );

  return {
    markBatch,

    /**
     * In one short transaction: marks the previous batch published (its Kafka transaction is
     * committed) and stamps the next unclaimed rows, lowest ids first, with a new batch number.
     * Rows committed late by their writers have low ids but are simply found by a later claim.
     */
    claim: (previousBatch: number | undefined, limit: number) =>
      inTransaction(client, async () => {
        if (previousBatch !== undefined) await markBatch(previousBatch);
        const { rows } = await client.query<RawRow>(
          `with next as (select nextval('outbox_relay_batch_seq') as batch)
           update outbox o set relay_batch = next.batch
           from next, (
             select id from outbox o where ${claimable} order by id limit $1
           ) picked
           where o.id = picked.id
           returning ${columns
             .split(', ')
             .map((c) => `o.${c}`)
             .join(', ')}`,
          [limit],
        );
        return withoutOversized(rows.map(toRow).sort(byId));
      }),

    /** Batches at or below `checkpoint - 1` were committed to Kafka: mark their rows published. */
    markCommittedBefore: (checkpoint: number) =>
      client.query(
        `update outbox set published_at = now()
         where published_at is null and relay_batch is not null and relay_batch < $1`,
        [checkpoint],
      ),

    /**
     * Claimed rows whose Kafka transaction did not commit, in their original publish order; rows
     * too large for the current limit (lowered since their claim) are parked.
     */
    uncommittedClaims: (): Promise<RelayRow[]> =>
      inTransaction(client, async () => {
        const { rows } = await client.query<RawRow>(
          `select ${columns} from outbox
           where published_at is null and relay_batch is not null
           order by relay_batch, id`,
        );
        return withoutOversized(rows.map(toRow));
      }),

    /** Writers send a NOTIFY only while this flag is up (see outbox_002). */
    setSleeping: (sleeping: boolean) =>
      client.query('update outbox_relay_state set sleeping = $1', [sleeping]),

    async hasUnclaimed(): Promise<boolean> {
      const { rows } = await client.query<{ found: boolean }>(
        `select exists (select 1 from outbox o where ${claimable}) as found`,
      );
      return rows[0]?.found ?? false;
    },

    /** The highest batch number ever drawn (0 if none). */
    async lastBatchDrawn(): Promise<number> {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        'select last_value, is_called from outbox_relay_batch_seq',
      );
      const row = rows[0];
      return row?.is_called ? Number(row.last_value) : 0;
    },
  };
}

export type RelayStore = ReturnType<typeof createRelayStore>;
