import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';

export interface TopicScan {
  /** Events read (read_committed), over every topic scanned. */
  events: number;
  /** Event ids found at more than one offset of a topic (partition@offset). */
  duplicates: { topic: string; eventId: string; offsets: string[] }[];
  /** The longest time between two consecutive events around `window` (by event timestamp). */
  longestStallMs: number;
  /** Where each event was read. */
  places: { topic: string; partition: number; offset: number; eventId: string | null }[];
}

const root = join(__dirname, '../..');

/**
 * Reads every platform topic (not Kafka's own, not dead letters) to its current end with Kafka's
 * own Java client as a read_committed consumer (an independent reader: e2e/support/java), and
 * reports duplicated event ids and the longest gap between events: what a broker failover costs.
 */
export async function scanTopics(
  brokers: string[],
  window: { from: number; to: number } = { from: 0, to: Infinity },
  only: (topic: string) => boolean = () => true,
): Promise<TopicScan> {
  const logger = createLogger({ service: 'e2e-scan', level: 'silent' });
  const kafka = createKafka({ clientId: 'e2e-scan', brokers, logger });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter(
    (t) => !t.startsWith('_') && !t.includes('.dlq.') && !t.startsWith('outbox-relay') && only(t),
  );
  await admin.disconnect();
  // Kafka's clients need Java 11+; the machine's default java (17) runs the single-file source.
  const { stdout } = await promisify(execFile)(
    'java',
    [
      '-cp',
      join(root, '.cache/kafka/libs/*'),
      join(__dirname, 'java/ScanTopics.java'),
      brokers.join(','),
      ...topics,
    ],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  const seenAt = new Map<string, string[]>();
  const stamps: number[] = [];
  const places: TopicScan['places'] = [];
  for (const line of stdout.split('\n')) {
    const [topic, partition, offset, timestamp, eventId] = line.split(' ');
    if (!topic || !eventId) continue;
    places.push({
      topic,
      partition: Number(partition),
      offset: Number(offset),
      eventId: eventId === '-' ? null : eventId,
    });
    const key = `${topic} ${eventId === '-' ? `${partition}@${offset}` : eventId}`;
    seenAt.set(key, [...(seenAt.get(key) ?? []), `${partition}@${offset}`]);
    stamps.push(Number(timestamp));
  }
  stamps.sort((a, b) => a - b);
  let longestStallMs = 0;
  for (let i = 1; i < stamps.length; i++)
    if (stamps[i]! >= window.from && stamps[i - 1]! <= window.to)
      longestStallMs = Math.max(longestStallMs, stamps[i]! - stamps[i - 1]!);
  return {
    events: stamps.length,
    duplicates: [...seenAt]
      .filter(([, at]) => at.length > 1)
      .map(([key, offsets]) => {
        const [topic, eventId] = key.split(' ') as [string, string];
        return { topic, eventId, offsets };
      }),
    longestStallMs,
    places,
  };
}
