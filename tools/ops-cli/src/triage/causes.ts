import type { Signal, TriagedGroup } from './types';

/** One incident: the groups whose best-ranked candidate cause is the same signal. */
export interface Cause {
  /** The shared candidate, or null for a group no signal explains well enough. */
  signal: Signal | null;
  /** The best score any of its groups gave the signal (0 without one). */
  score: number;
  /** Its groups' signatures, largest group first. */
  signatures: string[];
  /** Failures and distinct orders over its groups. */
  count: number;
  orderIds: string[];
}

/** A candidate must score at least this to join groups into one incident. */
export const MIN_CAUSE_SCORE = 0.5;

const keyOf = (s: Signal) => `${s.kind}|${s.service}|${s.subject}|${s.at}`;

/**
 * Incidents over the groups: one signature per failure shape is too fine for an SRE when one
 * outage fails three event types in two services, so groups sharing their top candidate cause
 * (same signal, score ≥ MIN_CAUSE_SCORE) are one incident; a group without a convincing top
 * candidate stands alone. Largest incident first.
 */
export function causesOf(groups: readonly TriagedGroup[]): Cause[] {
  const byKey = new Map<string, { signal: Signal | null; score: number; groups: TriagedGroup[] }>();
  for (const group of groups) {
    const top = group.changes[0];
    const convincing = top !== undefined && top.score >= MIN_CAUSE_SCORE;
    const key = convincing ? keyOf(top.signal) : `alone|${group.signature}`;
    const entry = byKey.get(key) ?? {
      signal: convincing ? top.signal : null,
      score: 0,
      groups: [],
    };
    entry.score = Math.max(entry.score, convincing ? top.score : 0);
    entry.groups.push(group);
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .map(({ signal, score, groups: members }) => {
      const sorted = [...members].sort((a, b) => b.count - a.count);
      return {
        signal,
        score,
        signatures: sorted.map((g) => g.signature),
        count: sorted.reduce((sum, g) => sum + g.count, 0),
        orderIds: [...new Set(sorted.flatMap((g) => g.orderIds))].sort(),
      };
    })
    .sort((a, b) => b.count - a.count);
}
