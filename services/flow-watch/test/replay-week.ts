import {
  DEFAULT_BASELINE,
  QUIET,
  SERIES,
  baselineOf,
  referencePlan,
  step,
  verdictOf,
  type DetectionState,
  type Direction,
} from '../src/domain';
import { HISTORY_START, MINUTE, WEEK } from './traffic';

/** Detection windows of ten one-minute buckets, as flow-watch's defaults. */
export const WINDOW = 10;
/** The week under test, after four weeks of history. */
export const TEST_WEEK = HISTORY_START + 4 * WEEK;

export interface Finding {
  kind: 'open' | 'clear';
  direction: Direction;
  at: number;
}

/**
 * Runs the detector over every window of the test week, as flow-watch does each bucket, on
 * per-minute counts from HISTORY_START (four weeks of history, then the test week).
 */
export function replayWeek(counts: readonly number[]): Finding[] {
  const prefix = [0];
  for (const c of counts) prefix.push(prefix.at(-1)! + c);
  const sum = (start: number) => {
    const i = (start - HISTORY_START) / MINUTE;
    return prefix[i + WINDOW]! - prefix[i]!;
  };
  const findings: Finding[] = [];
  let state: DetectionState = QUIET;
  for (let end = TEST_WEEK + WINDOW * MINUTE; end <= TEST_WEEK + WEEK; end += MINUTE) {
    const start = end - WINDOW * MINUTE;
    const plan = referencePlan(start, WINDOW * MINUTE, HISTORY_START, DEFAULT_BASELINE);
    const candidates = plan.map((p) => ({ kind: p.kind, values: p.starts.map(sum) }));
    const baseline = baselineOf(candidates, 'count', DEFAULT_BASELINE);
    if (baseline?.kind !== 'seasonal')
      throw new Error('four weeks of history must give a seasonal baseline');
    const next = step(state, verdictOf(sum(start), baseline, SERIES.orders_per_channel), 1);
    state = next.state;
    const t = next.transition;
    if (t.kind === 'open' || t.kind === 'clear')
      findings.push({ kind: t.kind, direction: t.direction, at: end });
  }
  return findings;
}

/** Windows judged in one replayed week. */
export const WINDOWS_PER_WEEK = WEEK / MINUTE - WINDOW + 1;
