import type { Logger } from 'pino';
import { OutboxRelayError } from './outbox-relay-error';
import type { RelayPublisher } from './relay-publisher';
import { compareCursors, type Position, type RelayStore } from './relay-store';

/**
 * Where to go on after a (re)start, before any new read: the cursor of the last batch committed to
 * Kafka, or the database's copy if that one is further (it also moves past windows that had
 * nothing to send). Rows past it are read again: a batch whose transaction did not commit was
 * aborted by the broker. The database's copy catches up if a crash came between a Kafka commit and
 * its save.
 */
export async function recoverPosition(
  store: RelayStore,
  publisher: RelayPublisher,
  logger: Logger,
): Promise<Position> {
  const checkpoint = await publisher.checkpoint();
  if (!checkpoint.cursor && checkpoint.offset > 0) {
    await store.settleLegacyBatches(checkpoint.offset);
  }
  const saved = await store.savedCursor();
  const kafka = checkpoint.cursor;
  if (kafka && !(await store.couldBeOurs(kafka))) {
    // The checkpoint group belongs to another outbox (a recreated database?): trusting it would
    // skip rows never published.
    throw new OutboxRelayError(
      'CHECKPOINT_AHEAD',
      `Kafka checkpoint ${JSON.stringify(kafka)} is ahead of what this database has drawn`,
    );
  }
  const behind = kafka !== undefined && compareCursors(saved, kafka) < 0;
  const cursor = behind ? kafka : saved;
  if (behind) await store.saveCursor(cursor);
  logger.info(
    { checkpoint: checkpoint.offset, window: cursor.window, id: cursor.id, caughtUp: behind },
    'outbox relay recovered',
  );
  return { cursor };
}
