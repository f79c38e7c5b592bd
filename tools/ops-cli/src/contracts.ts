// Every name o2c-ops shares with other parts of the platform, in one place: the dead-letter
// contract and inbox retention (libs/inbox), service databases.
import { DEFAULT_INBOX_RETENTION_MS, DeadLetterHeaders, deadLetterTopic } from '@o2c/inbox';

/** Headers this tool adds to every message it re-publishes (replay). */
export const ReplayHeaders = {
  replayId: 'replay-id',
  /** `<topic>/<partition>/<offset>` of the message that was copied. */
  origin: 'replay-origin',
  /** 1 on the first replay; incremented when a replayed message is replayed again (--allow-replayed). */
  count: 'replay-count',
  /** The copied message's Kafka timestamp (ms), since the copy gets a new one. */
  originTimestamp: 'replay-origin-timestamp',
} as const;

/** Headers this tool adds when it redrives a dead letter back to its source topic. */
export const RedriveHeaders = {
  redriveId: 'redrive-id',
  origin: 'redrive-origin',
  count: 'redrive-count',
} as const;

/**
 * Headers libs/inbox puts on a dead letter (its DLQ contract), next to all the original headers.
 * Redrive removes them so a redriven message looks like the original.
 */
export const DlqHeaders = DeadLetterHeaders;

/** Architecture §4: dead letters of `group` consuming `topic` go to `<topic>.dlq.<group>`. */
export const dlqTopicName = deadLetterTopic;

export function parseDlqTopic(name: string): { topic: string; group: string } | undefined {
  const at = name.lastIndexOf('.dlq.');
  if (at <= 0) return undefined;
  return { topic: name.slice(0, at), group: name.slice(at + '.dlq.'.length) };
}

/** How long consumer inboxes remember event ids by default (libs/inbox retention). */
export const defaultDedupeWindowMs = DEFAULT_INBOX_RETENTION_MS;

/** A service's database (architecture §3: one per service), holding its retained outbox rows. */
export const serviceDatabaseName = (service: string): string =>
  `o2c_${service.replaceAll('-', '_')}`;

/** Where this tool keeps its audit log and job plans. */
export const opsDatabaseName = 'o2c_ops';

/** Kafka names owned by this tool: checkpoint groups and transactional ids per job. */
export const jobCheckpointGroup = (jobId: string): string => `o2c-ops.job.${jobId}`;
export const jobTransactionalId = (jobId: string): string => `o2c-ops.job.${jobId}`;
export const readerGroupPrefix = 'o2c-ops.reader.';
