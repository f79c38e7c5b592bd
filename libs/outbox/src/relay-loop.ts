import type { RelayMetrics } from './relay-metrics';
import type { RelayPublisher } from './relay-publisher';
import type { RelayRow, RelayStore } from './relay-store';

export interface RelayLoopOptions {
  store: RelayStore;
  publisher: RelayPublisher;
  metrics: RelayMetrics;
  batchSize: number;
  /** False once the relay stops or its session is lost. */
  isActive: () => boolean;
  /** Waits for a NOTIFY or the poll interval, unless a notification came during the last cycle. */
  idle: () => Promise<void>;
  /** A claim came back full: rows arrive faster than batches go, writers need not notify. */
  busy: () => Promise<void>;
  onPublished: (rows: RelayRow[]) => void;
}

/**
 * Claims, publishes and marks batches until `isActive()` turns false. While Kafka commits batch k,
 * the next claim runs in Postgres and, in the same DB transaction, marks batch k-1 (committed
 * earlier): DB and Kafka work overlap, and the relay keeps cycling while events keep coming.
 * Order is unchanged: batch k+1 is published only after batch k's commit, and a batch is marked
 * only after its commit. A crash at any point leaves claimed rows that recovery sorts out.
 */
export async function runPublishLoop(o: RelayLoopOptions): Promise<void> {
  const { store, publisher, metrics, batchSize } = o;
  const timed = <T>(phase: string, work: () => Promise<T>) => {
    const end = metrics.phase.startTimer({ phase });
    return work().finally(() => end());
  };
  let unmarked: number | undefined;
  let next: RelayRow[] | undefined;
  while (o.isActive()) {
    // Claiming marks `unmarked`; with nothing new the loop waits for a NOTIFY or the poll.
    const current = next ?? (await timed('claim', () => store.claim(unmarked, batchSize)));
    if (!next) unmarked = undefined;
    next = undefined;
    if (current.length === 0) {
      await o.idle();
      continue;
    }
    if (current.length >= batchSize) await o.busy();
    const batch = current[0]!.relayBatch;
    const [published, claimed] = await Promise.allSettled([
      timed('publish', () => publisher.publish(current, batch)),
      timed('claim', () => store.claim(unmarked, batchSize)),
    ]);
    if (published.status === 'rejected') throw published.reason;
    if (claimed.status === 'rejected') throw claimed.reason;
    o.onPublished(current);
    unmarked = batch;
    if (claimed.value.length > 0) next = claimed.value;
  }
  // Claimed but unpublished rows (`next`) stay claimed: the next start republishes them.
  if (unmarked !== undefined) await store.markBatch(unmarked);
}
