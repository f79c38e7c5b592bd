import type { RelayMetrics } from './relay-metrics';
import type { RelayPublisher } from './relay-publisher';
import type { Cursor, Position, RelayBatch, RelayRow, RelayStore } from './relay-store';

export interface RelayLoopOptions {
  store: RelayStore;
  publisher: RelayPublisher;
  metrics: RelayMetrics;
  batchSize: number;
  /** The recovered position. */
  from: Position;
  /** False once the relay stops or its session is lost. */
  isActive: () => boolean;
  /** Waits for rows committed after `cursor` (a NOTIFY or the poll). */
  idle: (cursor: Cursor) => Promise<void>;
  /** A read came back full: rows arrive faster than batches go, writers need not notify. */
  busy: () => Promise<void>;
  onPublished: (rows: RelayRow[]) => void;
}

/**
 * Reads and publishes batches in commit order until `isActive()` turns false. With a backlog,
 * while Kafka commits batch k, the next read runs in Postgres and the database's cursor moves to
 * batch k-1 (committed earlier): DB and Kafka work overlap. Batch k+1 is published only after
 * batch k's commit, and a crash at any point leaves nothing to repair: the next start goes on
 * from Kafka's checkpoint.
 */
export async function runPublishLoop(o: RelayLoopOptions): Promise<void> {
  const { store, publisher, metrics, batchSize } = o;
  const timed = <T>(phase: string, work: () => Promise<T>) => {
    const end = metrics.phase.startTimer({ phase });
    return work().finally(() => end());
  };
  let position = o.from;
  let unsaved: Cursor | undefined;
  const readAfter = async (after: Position): Promise<RelayBatch> => {
    const save = unsaved;
    unsaved = undefined;
    if (save) await store.saveCursor(save);
    return timed('read', () => store.read(after, batchSize));
  };
  let next: RelayBatch | undefined;
  while (o.isActive()) {
    const current = next ?? (await readAfter(position));
    next = undefined;
    if (current.rows.length === 0) {
      position = current.end;
      // Everything read was parked: nothing to send, the next batch's checkpoint covers it.
      if (current.read > 0) {
        unsaved = position.cursor;
        continue;
      }
      // An empty window: save what is pending, then wait (an idle relay writes nothing).
      if (unsaved) await store.saveCursor(unsaved);
      unsaved = undefined;
      await o.idle(position.cursor);
      continue;
    }
    // A full read means a backlog: read the next batch while this one commits. Otherwise read
    // after the commit, so that the next batch takes every row committed meanwhile (a read
    // overlapping the publish would see none of them, and they would wait one batch more).
    const backlog = current.read >= batchSize;
    if (backlog) await o.busy();
    const [published, read] = await Promise.allSettled([
      timed('publish', () => publisher.publish(current.rows, current.end.cursor)),
      backlog ? readAfter(current.end) : undefined,
    ]);
    if (published.status === 'rejected') throw published.reason;
    if (read.status === 'rejected') throw read.reason;
    o.onPublished(current.rows);
    position = current.end;
    unsaved = position.cursor;
    next = read.value;
  }
  if (unsaved) await store.saveCursor(unsaved);
}
