import type { OpsContext } from '../context';
import { parseDlqTopic } from '../contracts';
import { topicBounds } from '../kafka/offsets';
import { readDeadLetters } from './dead-letters';

export { listDlqTopics } from './dead-letters';

export interface DlqSummary {
  topic: string;
  sourceTopic: string;
  group: string;
  count: number;
  oldestAgeSeconds: number | null;
  /** `<reason> <error class>` → count. */
  reasons: Record<string, number>;
  maxAttempts: number | null;
}

const scanLimit = 10_000;

/** Count, age and failure histogram of one dead-letter topic (first 10,000 letters per partition). */
export async function summarizeDlq(ctx: OpsContext, topic: string): Promise<DlqSummary> {
  const parsed = parseDlqTopic(topic)!;
  const bounds = await topicBounds(await ctx.admin(), topic);
  const count = bounds.reduce((sum, b) => sum + b.high - b.low, 0);
  const letters =
    count === 0 ? [] : await readDeadLetters(ctx.kafka, ctx, topic, { limit: scanLimit });
  const reasons: Record<string, number> = {};
  for (const l of letters) {
    const key = `${l.reason ?? '?'} ${l.errorClass ?? '?'}`;
    reasons[key] = (reasons[key] ?? 0) + 1;
  }
  const attempts = letters.map((l) => l.attempts ?? 0);
  return {
    topic,
    sourceTopic: parsed.topic,
    group: parsed.group,
    count,
    oldestAgeSeconds: letters.length ? Math.max(...letters.map((l) => l.ageSeconds)) : null,
    reasons,
    maxAttempts: attempts.length ? Math.max(...attempts) : null,
  };
}
