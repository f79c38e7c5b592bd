import type { Db } from '@o2c/db';
import { eventIdOf, type BatchControl, type ConsumedMessage } from '@o2c/kafka';
import type { Logger } from '@o2c/observability';
import type { Producer } from 'kafkajs';
import type { BackoffPolicy } from './backoff';
import { publishDeadLetter, type DeadLetterReason } from './dead-letter';
import { finishAttempt } from './inbox-store';
import { recordParked } from './key-order';
import { untilAvailable } from './process-message';
import type { RuntimeMetrics } from './runtime-metrics';

export interface LetterToSend {
  error: Error;
  reason: DeadLetterReason;
  attempts: number;
  parkedBehind?: string;
}

interface SendDeps {
  db: Db;
  producer: Producer;
  groupId: string;
  keepKeyOrder: boolean;
  logger: Logger;
  metrics: RuntimeMetrics;
  backoff: BackoffPolicy;
  pauseFor(control: BatchControl): (ms: number) => Promise<boolean>;
}

/**
 * Publishes a dead letter, then (keepKeyOrder) blocks its key or records it as parked, then
 * marks it done and commits. A crash anywhere before the commit redelivers it: the letter is
 * published again (at least once), the parked row is idempotent. Resolves false when stopping.
 */
export function createSendDeadLetter(deps: SendDeps) {
  const { db, groupId, logger } = deps;
  return async (
    message: ConsumedMessage,
    letter: LetterToSend,
    control: BatchControl,
  ): Promise<boolean> => {
    const waitDeps = { logger, backoff: deps.backoff, pauseFor: deps.pauseFor(control) };
    const sent = await untilAvailable(waitDeps, 'publishing a dead letter', async () => {
      await publishDeadLetter(deps.producer, {
        ...letter,
        message,
        groupId,
        failedAt: new Date(),
      });
      return true;
    });
    if (!sent) return false;
    // A letter without an event id could never be recognised when redriven: it blocks nothing.
    const eventId = eventIdOf(message.headers);
    if (deps.keepKeyOrder && message.key !== null && eventId) {
      const entry = {
        key: {
          groupId,
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
        },
        messageKey: message.key,
        eventId,
        headEventId: letter.parkedBehind ?? eventId,
      };
      const recorded = await untilAvailable(waitDeps, 'recording the blocked key', async () => {
        await recordParked(db, entry);
        return true;
      });
      if (!recorded) return false;
    }
    const parked = letter.reason === 'parked';
    deps.metrics.count(message.topic, parked ? 'parked' : 'dead_lettered');
    deps.metrics.deadLettered(message.topic, letter.reason);
    const where = { topic: message.topic, partition: message.partition, offset: message.offset };
    if (parked) logger.warn({ ...where, headEventId: letter.parkedBehind }, 'message parked');
    else
      logger.error(
        { err: letter.error, ...where },
        `message dead-lettered (${letter.reason}, ${letter.attempts} attempts)`,
      );
    control.markDone(message.offset);
    await control.commit();
    await finishAttempt(db, { groupId, ...where }).catch((err: unknown) =>
      logger.warn({ err }, 'could not clear the attempt count of a dead letter'),
    );
    return true;
  };
}
