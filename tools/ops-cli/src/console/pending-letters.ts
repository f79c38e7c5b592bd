import type { KafkaMessage } from 'kafkajs';
import type { DeadLetterView } from '../dlq/dead-letters';
import type { JobPlan } from '../replay/job';
import { createSelector } from '../replay/selector';

export interface StoredLetter {
  partition: number;
  message: KafkaMessage;
}

/**
 * `partition/offset` of the letters a completed redrive published: each plan's selector run again
 * over its ranges, in the order the job read them. A dead-letter topic keeps what was redriven,
 * so this is how the console tells the letters still waiting from those already sent back.
 */
export function redrivenOffsets(
  letters: readonly StoredLetter[],
  plans: readonly JobPlan[],
): Set<string> {
  const done = new Set<string>();
  for (const plan of plans) {
    const select = createSelector(plan.selector);
    let budget = plan.max ?? Number.POSITIVE_INFINITY;
    for (const range of plan.ranges) {
      for (const { partition, message } of letters) {
        if (partition !== range.partition || budget <= 0) continue;
        const offset = Number(message.offset);
        if (offset < range.start || offset >= range.end) continue;
        const verdict = select(message);
        // A duplicate's origin went back with the first copy of it.
        if (verdict === 'duplicate') done.add(`${partition}/${message.offset}`);
        if (verdict !== 'selected') continue;
        done.add(`${partition}/${message.offset}`);
        budget -= 1;
      }
    }
  }
  return done;
}

export interface ReasonGroup {
  /** `<reason> <error class>`, as `dlq list` counts them. */
  reason: string;
  count: number;
  oldestAgeSeconds: number;
  keys: string[];
}

/** Letters grouped by reason, the oldest group first; up to five keys each, for recognition. */
export function groupByReason(letters: readonly DeadLetterView[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const l of letters) {
    const reason = `${l.reason ?? '?'} ${l.errorClass ?? '?'}`;
    const g = groups.get(reason) ?? { reason, count: 0, oldestAgeSeconds: 0, keys: [] };
    g.count += 1;
    g.oldestAgeSeconds = Math.max(g.oldestAgeSeconds, l.ageSeconds);
    if (l.key !== null && g.keys.length < 5 && !g.keys.includes(l.key)) g.keys.push(l.key);
    groups.set(reason, g);
  }
  return [...groups.values()].sort((a, b) => b.oldestAgeSeconds - a.oldestAgeSeconds);
}

/** The --reason regex that selects exactly one group's letters (`<reason> <class>: <message>`). */
export const reasonPattern = (reason: string): string =>
  `^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`;
