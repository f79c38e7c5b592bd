import type { Logger } from 'pino';
import { OutboxRelayError } from './outbox-relay-error';
import type { RelayPublisher } from './relay-publisher';
import type { RelayRow, RelayStore } from './relay-store';

/**
 * Brings the outbox in line with Kafka after a (re)start, before any new claim. Batch numbers below
 * the checkpoint were committed to Kafka: their rows are marked. Claimed rows at or above it were
 * not: they are republished batch by batch, in their original order, each with its own checkpoint.
 */
export async function recoverClaims(
  store: RelayStore,
  publisher: RelayPublisher,
  logger: Logger,
  onPublished: (rows: RelayRow[]) => void,
): Promise<void> {
  const checkpoint = await publisher.checkpoint();
  const drawn = await store.lastBatchDrawn();
  if (checkpoint - 1 > drawn) {
    // The checkpoint group belongs to another outbox (a recreated database?): trusting it would
    // mark unpublished rows as published.
    throw new OutboxRelayError(
      'CHECKPOINT_AHEAD',
      `Kafka checkpoint ${checkpoint} is ahead of the last batch ${drawn} drawn in this database`,
    );
  }
  const marked = await store.markCommittedBefore(checkpoint);
  const pending = await store.uncommittedClaims();
  const batches = new Map<number, RelayRow[]>();
  for (const row of pending) {
    const rows = batches.get(row.relayBatch) ?? [];
    rows.push(row);
    batches.set(row.relayBatch, rows);
  }
  for (const [batch, rows] of batches) {
    await publisher.publish(rows, batch);
    await store.markBatch(batch);
    onPublished(rows);
  }
  logger.info(
    { checkpoint, marked: marked.rowCount ?? 0, republished: pending.length },
    'outbox relay recovered',
  );
}
