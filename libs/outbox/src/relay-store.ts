import type pg from 'pg';
import { LEGACY_UNPUBLISHED } from './outbox-migrations';
import { parkRows, splitOversized, type ParkedRow } from './relay-parking';

/**
 * Where the relay is: in window `window` (rows committed after snapshot `from` and before `to`,
 * sent in id order), the last id sent. Everything before is published.
 */
export interface Cursor {
  window: number;
  from: string;
  to: string;
  id: string;
}

/** The cursor, and what the relay knows of the rest of its window. */
export interface Position {
  cursor: Cursor;
  /** The window's ids still to send: empty once it is done, undefined while not looked up. */
  rest?: string[];
}

/** An outbox row as the relay publishes it. */
export interface RelayRow {
  id: string;
  topic: string;
  key: string;
  eventType: string;
  payload: Buffer;
  headers: Record<string, string>;
  createdAt: Date;
  /** Its key has parked rows: it must wait behind them (see outbox_parked). */
  blocked: boolean;
}

/** The next rows in publish order (parked ones left out) and the position after them. */
export interface RelayBatch {
  rows: RelayRow[];
  /** Rows read, parked ones included. */
  read: number;
  end: Position;
}

interface RawRow {
  id: string;
  topic: string;
  key: string;
  event_type: string;
  payload: Buffer;
  headers: Record<string, string>;
  created_at: Date;
  blocked: boolean;
}

const toRow = (r: RawRow): RelayRow => ({
  id: r.id,
  topic: r.topic,
  key: r.key,
  eventType: r.event_type,
  payload: r.payload,
  headers: r.headers,
  createdAt: r.created_at,
  blocked: r.blocked,
});

/** Compares two cursors in publish order. */
export function compareCursors(a: Cursor, b: Cursor): number {
  if (a.window !== b.window) return a.window < b.window ? -1 : 1;
  const [ai, bi] = [BigInt(a.id), BigInt(b.id)];
  return ai === bi ? 0 : ai < bi ? -1 : 1;
}

const columns = `o.id, o.topic, o.key, o.event_type, o.payload, o.headers, o.created_at,
  exists (select 1 from outbox_parked p where p.topic = o.topic and p.key = o.key) as blocked`;

// In the window: committed after $from and before $to. The xmin and xmax bounds (an xid not
// visible in a snapshot is at least its xmin; a visible one is below its xmax) let the xid index
// find it.
const inWindow = (from: string, to: string) =>
  `o.xid >= pg_snapshot_xmin(${from}::pg_snapshot)
   and not pg_visible_in_snapshot(o.xid, ${from}::pg_snapshot)
   and o.xid < pg_snapshot_xmax(${to}::pg_snapshot)
   and pg_visible_in_snapshot(o.xid, ${to}::pg_snapshot)`;

/**
 * A window's end snapshot lists the transactions running when it was taken; the checkpoint holds
 * two of them in Kafka's offset metadata (4,096 bytes by default, offset.metadata.max.bytes). A
 * longer one (hundreds of transactions writing at once) is not used: the relay takes another.
 */
const MAX_SNAPSHOT_CHARS = 1900;

export interface RelayStoreOptions {
  /** Rows over this (as a Kafka message) are parked with the later rows of their key. */
  maxMessageBytes: number;
  onParked: (parked: ParkedRow[]) => void;
}

/** SQL of the relay, run on its lock-holding session. */
export function createRelayStore(client: pg.Client, options: RelayStoreOptions) {
  /** Parks what cannot be published; returns the batch of what can. */
  const batchOf = async (read: RelayRow[], end: Position): Promise<RelayBatch> => {
    const { publish, park } = splitOversized(read, options.maxMessageBytes);
    if (park.length > 0) {
      await parkRows(client, park);
      options.onParked(park);
    }
    return { rows: publish, read: read.length, end };
  };

  /** The rest of the window, `limit` ids at a time (loaded once when a window overflows). */
  const continueWindow = async (pos: Position, limit: number): Promise<RelayBatch | undefined> => {
    const { cursor } = pos;
    const rest =
      pos.rest ??
      (
        await client.query<{ id: string }>(
          `select o.id from outbox o where ${inWindow('$1', '$2')} and o.id > $3 order by o.id`,
          [cursor.from, cursor.to, cursor.id],
        )
      ).rows.map((r) => r.id);
    if (rest.length === 0) return undefined;
    const ids = rest.slice(0, limit);
    // Still in the window: requeueParked may have moved a row to a later one since.
    const { rows } = await client.query<RawRow>(
      `select ${columns} from outbox o
       where o.id = any($3::bigint[]) and ${inWindow('$1', '$2')} order by o.id`,
      [cursor.from, cursor.to, ids],
    );
    const left = rest.slice(limit);
    return batchOf(rows.map(toRow), {
      cursor: { ...cursor, id: ids[ids.length - 1]! },
      rest: left,
    });
  };

  /**
   * A new window, from the last one's end to this statement's snapshot (whose visible rows are
   * the window's, but a row's xid, not its visibility, is what places it in a window).
   */
  const openWindow = async (previous: Cursor, limit: number): Promise<RelayBatch> => {
    for (let attempt = 1; ; attempt++) {
      const { rows } = await client.query<RawRow & { snapshot: string; id: string | null }>(
        `select s.snapshot, w.* from (select pg_current_snapshot()::text as snapshot) s
         left join lateral (
           select ${columns} from outbox o
           where ${inWindow('$1', 'pg_current_snapshot()::text')}
             and length(s.snapshot) <= $3
           order by o.id limit $2
         ) w on true`,
        [previous.to, limit + 1, MAX_SNAPSHOT_CHARS],
      );
      const to = rows[0]!.snapshot;
      if (to.length > MAX_SNAPSHOT_CHARS) {
        // Too many transactions running for the checkpoint's metadata: they end within moments.
        if (attempt >= 1000) throw new Error(`snapshots stay over ${MAX_SNAPSHOT_CHARS} chars`);
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const read = rows.filter((r) => r.id !== null).map(toRow);
      const full = read.length > limit;
      const sent = full ? read.slice(0, limit) : read;
      const cursor = {
        window: previous.window + 1,
        from: previous.to,
        to,
        id: sent[sent.length - 1]?.id ?? '0',
      };
      return batchOf(sent, full ? { cursor } : { cursor, rest: [] });
    }
  };

  return {
    /**
     * The next `limit` rows after `pos` in publish order: the rest of its window, else a new
     * window. Rows too large to publish, or of a key with parked rows, are parked (moved to
     * outbox_parked); the position still goes past them.
     */
    async read(pos: Position, limit: number): Promise<RelayBatch> {
      if (pos.rest?.length !== 0) {
        const batch = await continueWindow(pos, limit);
        if (batch) return batch;
      }
      return openWindow(pos.cursor, limit);
    },

    /** Whether rows committed after the window's end wait. */
    async pending(cursor: Cursor): Promise<boolean> {
      const { rows } = await client.query<{ found: boolean }>(
        `select exists (
           select 1 from outbox o where ${inWindow('$1', 'pg_current_snapshot()::text')}
         ) as found`,
        [cursor.to],
      );
      return rows[0]?.found ?? false;
    },

    /** Records progress (never backwards): retention, replay and the backlog gauges read it. */
    saveCursor: (c: Cursor) =>
      client.query(
        `update outbox_relay_cursor
         set window_no = $1, from_snapshot = $2, to_snapshot = $3, row_id = $4, updated_at = now()
         where (window_no, row_id) < ($1::bigint, $4::bigint)`,
        [c.window, c.from, c.to, c.id],
      ),

    async savedCursor(): Promise<Cursor> {
      const { rows } = await client.query<{ w: string; f: string; t: string; id: string }>(
        `select window_no::text as w, from_snapshot::text as f, to_snapshot::text as t,
                row_id::text as id from outbox_relay_cursor`,
      );
      const row = rows[0]!;
      return { window: Number(row.w), from: row.f, to: row.t, id: row.id };
    },

    /** Whether `c` could come from this database: no transaction or row id beyond what it drew. */
    async couldBeOurs(c: Cursor): Promise<boolean> {
      const { rows } = await client.query<{ ok: boolean }>(
        `select pg_snapshot_xmax($1::pg_snapshot) <= pg_snapshot_xmax(pg_current_snapshot())
          and $2::bigint <= coalesce((select last_value from pg_sequences
               where schemaname = current_schema() and sequencename = 'outbox_id_seq'), 0) as ok`,
        [c.to, c.id],
      );
      return rows[0]?.ok ?? false;
    },

    /**
     * Rows from before outbox_005 that a batch-numbered checkpoint (`relay_batch < offset`) shows
     * committed to Kafka join the published ones; the others are published again, as before.
     */
    settleLegacyBatches: (offset: number) =>
      client.query(
        `update outbox set xid = '1'
         where xid = '${LEGACY_UNPUBLISHED}' and relay_batch is not null and relay_batch < $1`,
        [offset],
      ),

    /** Writers send a NOTIFY only while this flag is up (see outbox_002). */
    setSleeping: (sleeping: boolean) =>
      client.query('update outbox_relay_state set sleeping = $1', [sleeping]),
  };
}

export type RelayStore = ReturnType<typeof createRelayStore>;
