import type { Baseline } from './baseline';
import type { Direction, SeriesSpec } from './series';

/** A series' detection state between windows, kept with the series (restart-safe). */
export interface DetectionState {
  /** Consecutive windows out of bounds in `streakDirection` (not yet opened). */
  streak: number;
  streakDirection: Direction | null;
  /** The direction of the open anomaly, if any. */
  open: Direction | null;
}

export const QUIET: DetectionState = { streak: 0, streakDirection: null, open: null };

/** Which side of the bounds a value falls, among the directions the series cares about. */
export function verdictOf(
  observed: number,
  baseline: Baseline,
  spec: SeriesSpec,
): Direction | undefined {
  const side: Direction | undefined =
    observed < baseline.lower ? 'LOW' : observed > baseline.upper ? 'HIGH' : undefined;
  return side && spec.directions.includes(side) ? side : undefined;
}

export type Transition =
  | { kind: 'none' }
  | { kind: 'open'; direction: Direction }
  | { kind: 'clear'; direction: Direction }
  | { kind: 'clear-and-open'; cleared: Direction; direction: Direction };

/**
 * The next state after a judged window. An anomaly opens once `consecutive` windows in a row
 * are out of bounds on the same side, and stays open (no repeat per window) until a window is
 * back in bounds; a window out on the other side clears it and starts the other side's count.
 */
export function step(
  state: DetectionState,
  verdict: Direction | undefined,
  consecutive: number,
): { state: DetectionState; transition: Transition } {
  if (state.open && verdict === state.open) return { state, transition: { kind: 'none' } };
  const cleared = state.open;
  if (!verdict) {
    return {
      state: QUIET,
      transition: cleared ? { kind: 'clear', direction: cleared } : { kind: 'none' },
    };
  }
  const streak = state.streakDirection === verdict && !cleared ? state.streak + 1 : 1;
  if (streak < consecutive) {
    const next = { streak, streakDirection: verdict, open: null };
    return {
      state: next,
      transition: cleared ? { kind: 'clear', direction: cleared } : { kind: 'none' },
    };
  }
  const next = { streak: 0, streakDirection: null, open: verdict };
  return {
    state: next,
    transition: cleared
      ? { kind: 'clear-and-open', cleared, direction: verdict }
      : { kind: 'open', direction: verdict },
  };
}

const REFERENCE_WORDS = {
  seasonal: 'the same window of the previous weeks',
  daily: 'the same time of the previous days',
  recent: 'the windows just before',
} as const;

const duration = (seconds: number) =>
  seconds % 3600 === 0
    ? `${seconds / 3600} h`
    : seconds % 60 === 0
      ? `${seconds / 60} min`
      : `${seconds} s`;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(3));

/** The finding in words, with its figures (FlowAnomalyDetected.explanation). */
export function explain(
  what: { series: string; subject: string; unit: string; windowSeconds: number },
  observed: number,
  direction: Direction,
  baseline: Baseline,
): string {
  const side = direction === 'LOW' ? 'below' : 'above';
  return (
    `${what.series} of ${what.subject}: ${fmt(observed)} ${what.unit} over ${duration(what.windowSeconds)}, ` +
    `${side} the accepted ${fmt(baseline.lower)}…${fmt(baseline.upper)} ` +
    `(median ${fmt(baseline.expected)} over ${baseline.references} reference windows: ` +
    `${REFERENCE_WORDS[baseline.kind]})`
  );
}
