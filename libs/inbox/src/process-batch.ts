import type { ConsumedMessage, DecodedMessage } from '@o2c/kafka';
import { asError } from './errors';
import {
  beginAttempt,
  beginBatch,
  claimEvents,
  lockKeys,
  unclaimEvents,
  type BatchRange,
} from './inbox-store';
import {
  afterHandlerFailed,
  untilAvailable,
  UUID,
  type MessageDeps,
  type MessageResult,
} from './process-message';

export interface BatchOutcome<T> {
  /** Messages committed, in order, from the batch's start. */
  done: Array<{ message: DecodedMessage<T>; outcome: 'processed' | 'duplicate' }>;
  /** The message the fast path stopped at and what became of it (retry later, dead letter). */
  failed?: { message: ConsumedMessage<T>; result: MessageResult };
}

// Postgres: deadlock_detected, serialization_failure, lock_not_available.
const isConflict = (error: unknown) =>
  ['40P01', '40001', '55P03'].includes((error as { code?: string } | null)?.code ?? '');

const decodedPrefix = <T>(messages: ConsumedMessage<T>[]): DecodedMessage<T>[] => {
  const end = messages.findIndex((m) => !m.ok || !UUID.test(m.metadata.eventId));
  return (end === -1 ? messages : messages.slice(0, end)) as DecodedMessage<T>[];
};

/**
 * The fast path: a batch's decoded messages in ONE transaction (one multi-row inbox insert,
 * the handlers, one commit), after one small write that records the range in flight. The happy
 * path writes no attempt row. It stops at the first message it cannot take: a failed handler
 * (counted then like any failure; the messages before it are committed), an undecodable message,
 * or a stop; the caller takes the rest one by one. `done` is empty when the batch must go the careful way
 * (a crash inside this range before, attempt history, a blocked key) or the database is down.
 */
export async function processBatch<T>(
  messages: ConsumedMessage<T>[],
  deps: MessageDeps<T>,
): Promise<BatchOutcome<T>> {
  const batch = decodedPrefix(messages);
  const first = batch[0];
  if (!first || !deps.shouldContinue()) return { done: [] };
  const range: BatchRange = {
    groupId: deps.groupId,
    topic: first.topic,
    partition: first.partition,
    from: first.offset,
    to: batch.at(-1)!.offset,
  };
  const keys = deps.keepKeyOrder ? [...new Set(batch.flatMap((m) => m.key ?? []))] : [];
  const begun = await beginBatch(deps.db, range, keys).catch(() => ({ careful: true }));
  if (begun.careful) return { done: [] };

  const started = performance.now();
  // No savepoints (each costs two round trips and a nested knex transaction): when a handler
  // fails, the transaction is rolled back and the messages before it run again without it.
  let pending = batch;
  let done: BatchOutcome<T>['done'] = [];
  let failure: { message: DecodedMessage<T>; error: Error } | undefined;
  while (pending.length > 0) {
    const run = await runBatch(pending, range, deps);
    if (run === 'careful') return { done: [] };
    if ('done' in run) {
      done = run.done;
      break;
    }
    failure = { message: pending[run.failedAt]!, error: run.error };
    pending = pending.slice(0, run.failedAt);
  }
  const seconds = (performance.now() - started) / 1000;
  for (const { message, outcome } of done) {
    deps.metrics.observeHandler(message.topic, seconds / Math.max(1, done.length));
    deps.onDbCommit?.(message, outcome);
  }
  if (!failure) return { done };
  return { done, failed: { message: failure.message, result: await countFailure(failure, deps) } };
}

type Run<T> = { done: BatchOutcome<T>['done'] } | { failedAt: number; error: Error } | 'careful';

/**
 * The messages in one transaction, committed only if no handler fails: else nothing is, and the
 * answer says which one failed. 'careful': nothing committed, the careful path must take over.
 */
async function runBatch<T>(
  messages: DecodedMessage<T>[],
  range: BatchRange,
  deps: MessageDeps<T>,
): Promise<Run<T>> {
  const done: BatchOutcome<T>['done'] = [];
  let failed: { failedAt: number; error: Error } | undefined;
  try {
    await deps.db.transaction(async (trx) => {
      const keys = new Set(messages.flatMap((m) => m.key ?? []));
      if (keys.size > 1) await lockKeys(trx, [...keys]);
      const fresh = await claimEvents(trx, range, messages);
      const handled = new Set<string>();
      for (const [index, message] of messages.entries()) {
        if (!deps.shouldContinue()) break;
        const id = message.metadata.eventId.toLowerCase();
        // A second copy of an event in the same batch is a duplicate of the first.
        if (!fresh.has(id) || handled.has(id)) {
          done.push({ message, outcome: 'duplicate' });
          continue;
        }
        try {
          await deps.handler(message, {
            trx,
            metadata: message.metadata,
            attempt: 1,
            logger: deps.logger.child({
              topic: message.topic,
              partition: message.partition,
              offset: message.offset,
            }),
          });
        } catch (error) {
          // A deadlock or serialization failure may be the batch's own doing (it holds the locks
          // of several messages): not the message's fault, so the careful path takes it over.
          if (!isConflict(error)) failed = { failedAt: index, error: asError(error) };
          throw error;
        }
        handled.add(id);
        done.push({ message, outcome: 'processed' });
      }
      const notReached = [...fresh].filter((id) => !handled.has(id));
      await unclaimEvents(trx, deps.groupId, notReached);
    });
  } catch (error) {
    if (failed) return failed;
    if (!isConflict(error))
      deps.logger.warn({ err: error, ...range }, 'batch failed; one by one instead');
    return 'careful';
  }
  return { done };
}

/** A handler failure on the fast path, counted as the careful path would have counted it. */
async function countFailure<T>(
  { message, error }: { message: DecodedMessage<T>; error: Error },
  deps: MessageDeps<T>,
): Promise<MessageResult> {
  const key = {
    groupId: deps.groupId,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
  };
  const begun = await untilAvailable(deps as MessageDeps<unknown>, 'counting the attempt', () =>
    beginAttempt(deps.db, key, null),
  );
  if (begun === undefined) return { outcome: 'abandoned' };
  return afterHandlerFailed(key, error, 1, deps);
}
