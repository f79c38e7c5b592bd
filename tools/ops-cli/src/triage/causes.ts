import { RECOVERY } from './changes';
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

/** A state that reopens within this long after its recovery is the same outage, flapping. */
export const FLAP_MS = 5 * 60_000;

const keyOf = (s: Signal) => `${s.kind}|${s.service}|${s.subject}|${s.at}`;
const same = (a: Signal, b: Signal) =>
  a.kind === b.kind && a.service === b.service && a.subject === b.subject;

/**
 * The opening that began the outage `s` belongs to: a circuit that closed and reopened within
 * FLAP_MS (Odoo answering now and then) is one outage, so one incident, not one per reopening.
 */
export function episodeStart(s: Signal, signals: readonly Signal[]): Signal {
  const closer = RECOVERY[s.kind];
  if (!closer) return s;
  let start = s;
  for (;;) {
    const recovery = signals
      .filter((o) => o.kind === closer && o.service === s.service && o.subject === s.subject)
      .filter((o) => o.at <= start.at && start.at - o.at <= FLAP_MS)
      .sort((a, b) => b.at - a.at)[0];
    const before = recovery
      ? signals
          .filter((o) => same(o, s) && o.at < start.at && o.at <= recovery.at)
          .sort((a, b) => b.at - a.at)[0]
      : undefined;
    if (!before) return start;
    start = before;
  }
}

/**
 * Incidents over the groups: one signature per failure shape is too fine for an SRE when one
 * outage fails three event types in two services, so groups sharing their top candidate cause
 * (same signal, score ≥ MIN_CAUSE_SCORE; a state's reopenings within FLAP_MS count as its first
 * opening) are one incident; a group without a convincing top candidate stands alone. Largest
 * incident first.
 */
export function causesOf(
  groups: readonly TriagedGroup[],
  signals: readonly Signal[] = [],
): Cause[] {
  const byKey = new Map<string, { signal: Signal | null; score: number; groups: TriagedGroup[] }>();
  for (const group of groups) {
    const top = group.changes[0];
    const convincing = top !== undefined && top.score >= MIN_CAUSE_SCORE;
    const cause = convincing ? episodeStart(top.signal, signals) : null;
    const key = cause ? keyOf(cause) : `alone|${group.signature}`;
    const entry = byKey.get(key) ?? {
      signal: cause,
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
