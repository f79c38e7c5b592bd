import type { Db } from '@o2c/db';
import { eventIdOf, type ConsumedMessage, type DecodedMessage } from '@o2c/kafka';
import type { Logger } from '@o2c/observability';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { DeadLetterReason } from './dead-letter';
import {
  asError,
  isPermanent,
  isUnavailable,
  ParkedBehindError,
  PermanentError,
  PoisonMessageError,
} from './errors';
import type { EventHandler } from './handler';
import {
  beginAttempt,
  claimEvent,
  finishAttempt,
  forgetAttempt,
  lastFailure,
  recordFailure,
  type AttemptKey,
} from './inbox-store';
import { releaseKey } from './key-order';
import type { RuntimeMetrics } from './runtime-metrics';

export interface MessageDeps<T> {
  db: Db;
  groupId: string;
  handler: EventHandler<T>;
  /** Failed runs (the handler threw) before a message is dead-lettered. */
  maxAttempts: number;
  /** Runs the process died in before a message is dead-lettered as a crash loop. */
  maxCrashes: number;
  /** Park later events of a dead-lettered event's key behind it (see README, Key order). */
  keepKeyOrder: boolean;
  backoff: BackoffPolicy;
  logger: Logger;
  metrics: RuntimeMetrics;
  redecode(message: ConsumedMessage<T>): Promise<ConsumedMessage<T>>;
  /** Sleeps, heartbeating; resolves false when processing must stop (shutdown, revoke). */
  pauseFor(ms: number): Promise<boolean>;
  shouldContinue(): boolean;
  /** Outage rounds per topic/partition/offset (they count no attempt, but back off). */
  outageRounds: Map<string, number>;
  onDbCommit?: (event: DecodedMessage<T>, outcome: 'processed' | 'duplicate') => void;
}

export type MessageResult =
  | { outcome: 'processed' | 'duplicate' }
  | {
      outcome: 'dead_letter';
      error: Error;
      reason: DeadLetterReason;
      attempts: number;
      parkedBehind?: string;
    }
  /** Not done: try again after `delayMs` (the caller pauses only this partition meanwhile). */
  | { outcome: 'retry_later'; delayMs: number }
  | { outcome: 'abandoned' };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Infrastructure we depend on (registry, our own database) being down is not the message's
 * fault: wait for it without counting attempts, so an outage never dead-letters good events.
 */
export async function untilAvailable<R>(
  deps: Pick<MessageDeps<unknown>, 'logger' | 'pauseFor' | 'backoff'>,
  what: string,
  work: () => Promise<R>,
): Promise<R | undefined> {
  for (let failures = 1; ; failures++) {
    try {
      return await work();
    } catch (error) {
      deps.logger.warn({ err: error, failures }, `${what} failed, waiting`);
      if (!(await deps.pauseFor(backoffDelay(deps.backoff, failures)))) return undefined;
    }
  }
}

async function redecodeUntilFinal<T>(message: ConsumedMessage<T>, deps: MessageDeps<T>) {
  let current = message;
  for (let failures = 1; !current.ok && !current.error.permanent; failures++) {
    deps.logger.warn({ err: current.error, failures }, 'schema registry unavailable, waiting');
    if (!(await deps.pauseFor(backoffDelay(deps.backoff, failures)))) return undefined;
    current = await deps.redecode(current);
  }
  return current;
}

/**
 * One message, effectively once: count the attempt, then in ONE transaction claim the event id
 * in the inbox, run the handler, and clear the attempt. A failure that may pass is not retried
 * here but returned as `retry_later`: waiting in place would hold up kafkajs's shared fetch,
 * i.e. every partition of the consumer, including the one carrying what the handler waits for.
 * Decides when the message must be dead-lettered. Commits no offset: the caller does.
 */
export async function processMessage<T>(
  initial: ConsumedMessage<T>,
  deps: MessageDeps<T>,
): Promise<MessageResult> {
  const message = await redecodeUntilFinal(initial, deps);
  if (!message) return { outcome: 'abandoned' };
  const key: AttemptKey = {
    groupId: deps.groupId,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
  };
  const log = deps.logger.child({ topic: key.topic, partition: key.partition, offset: key.offset });
  const anyDeps = deps as MessageDeps<unknown>;
  if (!deps.shouldContinue()) return { outcome: 'abandoned' };
  const counts = await untilAvailable(anyDeps, 'counting the attempt', () =>
    beginAttempt(deps.db, key, deps.keepKeyOrder ? message.key : null),
  );
  if (counts === undefined) return { outcome: 'abandoned' };
  if (counts.blockedBy !== null) {
    const head = counts.blockedBy;
    if (eventIdOf(message.headers) !== head) {
      const error = new ParkedBehindError(head);
      return { outcome: 'dead_letter', error, reason: 'parked', attempts: 0, parkedBehind: head };
    }
    // The head itself is back (redriven after a fix): unblock its key and process it.
    const released = await untilAvailable(anyDeps, 'releasing the key', () =>
      releaseKey(deps.db, { groupId: deps.groupId, topic: key.topic, headEventId: head }),
    );
    if (released === undefined) return { outcome: 'abandoned' };
    log.info({ headEventId: head, key: message.key }, 'dead letter redriven: key released');
  }
  const poison = await poisonVerdict(key, counts, deps);
  if (poison) return poison;
  const attempts = counts.failures + 1;
  const started = performance.now();
  const observe = () =>
    deps.metrics.observeHandler(key.topic, (performance.now() - started) / 1000);
  try {
    if (!message.ok) throw message.error;
    if (!UUID.test(message.metadata.eventId)) {
      throw new PermanentError(
        'INVALID_EVENT_ID',
        `event id is not a UUID: ${message.metadata.eventId}`,
      );
    }
    const fresh = await deps.db.transaction(async (trx) => {
      const claimed = await claimEvent(trx, key, message.metadata);
      if (claimed) {
        await deps.handler(message, {
          trx,
          metadata: message.metadata,
          attempt: attempts,
          logger: log,
        });
      }
      await finishAttempt(trx, key);
      return claimed;
    });
    observe();
    deps.outageRounds.delete(`${key.topic}/${key.partition}/${key.offset}`);
    const outcome = fresh ? 'processed' : 'duplicate';
    deps.onDbCommit?.(message, outcome);
    return { outcome };
  } catch (thrown) {
    observe();
    return afterHandlerFailed(key, asError(thrown), attempts, deps);
  }
}

/**
 * What a failed run leads to: an outage waits without counting, a permanent error or used-up
 * attempts dead-letter, anything else is counted and retried later.
 */
export async function afterHandlerFailed<T>(
  key: AttemptKey,
  error: Error,
  attempts: number,
  deps: MessageDeps<T>,
): Promise<MessageResult> {
  const log = deps.logger.child({ topic: key.topic, partition: key.partition, offset: key.offset });
  const anyDeps = deps as MessageDeps<unknown>;
  if (isUnavailable(error)) {
    const id = `${key.topic}/${key.partition}/${key.offset}`;
    const rounds = (deps.outageRounds.get(id) ?? 0) + 1;
    deps.outageRounds.set(id, rounds);
    deps.metrics.count(key.topic, 'unavailable');
    log.warn(
      { err: error, outageRounds: rounds },
      'dependency unavailable, waiting (attempt not counted)',
    );
    await untilAvailable(anyDeps, 'uncounting the attempt', () =>
      forgetAttempt(deps.db, key, error),
    );
    return { outcome: 'retry_later', delayMs: backoffDelay(deps.backoff, rounds) };
  }
  if (isPermanent(error)) return { outcome: 'dead_letter', error, reason: 'permanent', attempts };
  if (attempts >= deps.maxAttempts) {
    return { outcome: 'dead_letter', error, reason: 'exhausted', attempts };
  }
  deps.metrics.count(key.topic, 'retried');
  log.warn({ err: error, attempts }, 'handler failed, retrying');
  await untilAvailable(anyDeps, 'recording the failure', () => recordFailure(deps.db, key, error));
  return { outcome: 'retry_later', delayMs: backoffDelay(deps.backoff, attempts) };
}

/**
 * Decides, before the handler runs, whether the message is already poison: its failures are
 * used up (the process died between the last failure and its dead letter), or earlier runs
 * ended in neither success nor a recorded failure `maxCrashes` times, i.e. it kills the process.
 */
async function poisonVerdict<T>(
  key: AttemptKey,
  { starts, failures }: { starts: number; failures: number },
  deps: MessageDeps<T>,
): Promise<MessageResult | undefined> {
  const crashes = Math.max(0, starts - 1 - failures);
  if (crashes >= deps.maxCrashes) {
    const error = PoisonMessageError.crashLoop(crashes, failures);
    return { outcome: 'dead_letter', error, reason: 'crashed', attempts: crashes + failures };
  }
  if (failures < deps.maxAttempts) return undefined;
  const last = await untilAvailable(deps as MessageDeps<unknown>, 'reading the last failure', () =>
    lastFailure(deps.db, key),
  );
  if (!deps.shouldContinue()) return { outcome: 'abandoned' };
  const error = PoisonMessageError.exhausted(failures, last);
  return { outcome: 'dead_letter', error, reason: 'exhausted', attempts: failures };
}
