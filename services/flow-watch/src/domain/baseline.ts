import type { SeriesKind } from './series';

/**
 * The baseline of a detection window: what the same series did in reference windows of the
 * same length, chosen by what the history allows, in this order:
 *
 * - `seasonal`: the same window (hour of day, day of week) in each of the previous
 *   `seasonWeeks` weeks;
 * - `daily`: the same time of day on each of the previous `dailyDays` days;
 * - `recent`: the `recentWindows` windows just before, back to back.
 *
 * A reference window is usable only if it starts after the subject was first seen (before that
 * flow-watch knew nothing, a zero there means nothing) and, for a latency, holds at least
 * `minSamples` samples. The first kind with at least `minReferences` usable windows is used;
 * with none, the window is not judged (the subject is still learning).
 *
 * From the reference values r₁…rₙ, robust statistics (one odd window cannot move them):
 * expected = median(rᵢ), and a spread σ measured in a space where the noise is even:
 *
 * - counts: square roots. The square root of a Poisson count has a standard deviation of about
 *   1/2 whatever its mean, and the median of n windows adds its own error (variance π/2 · 1/4 / n),
 *   so σ = max(½·√(1 + π/(2n)), 1.4826 · MAD(√rᵢ)) and the bounds are (√expected ∓ z·σ)², the
 *   lower one clipped at 0. Where the square root is a poor approximation (a few events per window)
 *   the exact Poisson tail widens them: the lower bound is at most, the upper at least, the count
 *   a Poisson law of mean `expected` falls below (above) with the probability of z normal
 *   deviations (2.9·10⁻⁷ for z = 5). This floor is what makes a median of 20 with a MAD of 0
 *   accept 19 (bounds 1.9…57 from 3 windows, z = 5), and what keeps a night window from ever
 *   flagging silence: with an expected count under 15 the lower bound is 0, and an observed count
 *   is never below 0.
 * - latencies: natural logarithms (a latency varies by factors, not by seconds), so
 *   σ = max(latencyFloor, 1.4826 · MAD(ln rᵢ)) and the bounds are expected · e^(∓z·σ); the floor
 *   (default 0.2, about one histogram bin) stops quantised p95s of a steady stage from flagging.
 *
 * 1.4826 · MAD estimates the standard deviation of normal data; z (`ANOMALY_THRESHOLD`, default
 * 5) is how many of them a window may stray. An anomaly is a value strictly outside the bounds.
 */
export interface BaselineConfig {
  seasonWeeks: number;
  dailyDays: number;
  recentWindows: number;
  minReferences: number;
  threshold: number;
  latencyFloor: number;
  minSamples: number;
}

export const DEFAULT_BASELINE: BaselineConfig = {
  seasonWeeks: 4,
  dailyDays: 7,
  recentWindows: 12,
  minReferences: 3,
  threshold: 5,
  latencyFloor: 0.2,
  minSamples: 20,
};

export type BaselineKind = 'seasonal' | 'daily' | 'recent';

export interface Baseline {
  kind: BaselineKind;
  references: number;
  expected: number;
  lower: number;
  upper: number;
}

const DAY_MS = 86_400_000;

/** The reference windows' starts of each kind, usable ones only, in the order they are tried. */
export function referencePlan(
  windowStart: number,
  windowMs: number,
  firstSeen: number,
  cfg: BaselineConfig,
): { kind: BaselineKind; starts: number[] }[] {
  const back = (step: number, count: number) =>
    Array.from({ length: count }, (_, i) => windowStart - (i + 1) * step).filter(
      (start) => start >= firstSeen,
    );
  return [
    { kind: 'seasonal' as const, starts: back(7 * DAY_MS, cfg.seasonWeeks) },
    { kind: 'daily' as const, starts: back(DAY_MS, cfg.dailyDays) },
    { kind: 'recent' as const, starts: back(windowMs, cfg.recentWindows) },
  ].filter((p) => p.starts.length >= cfg.minReferences);
}

export const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const mad = (values: readonly number[]) => {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
};

/**
 * The baseline from the first kind whose usable values (undefined: a latency window without
 * enough samples) number at least `minReferences`; undefined when none does.
 */
export function baselineOf(
  candidates: readonly { kind: BaselineKind; values: readonly (number | undefined)[] }[],
  kind: SeriesKind,
  cfg: BaselineConfig,
): Baseline | undefined {
  for (const candidate of candidates) {
    const values = candidate.values.filter((v): v is number => v !== undefined);
    if (values.length < cfg.minReferences) continue;
    const expected = median(values);
    const z = cfg.threshold;
    if (kind === 'count') {
      const n = values.length;
      const sigma = Math.max(
        0.5 * Math.sqrt(1 + Math.PI / (2 * n)),
        1.4826 * mad(values.map(Math.sqrt)),
      );
      const root = Math.sqrt(expected);
      const tail = poissonTail(expected, normalTail(z));
      return {
        kind: candidate.kind,
        references: n,
        expected,
        lower: Math.min(Math.max(0, root - z * sigma) ** 2, tail.lower),
        upper: Math.max((root + z * sigma) ** 2, tail.upper),
      };
    }
    const sigma = Math.max(
      cfg.latencyFloor,
      1.4826 * mad(values.map((v) => Math.log(Math.max(v, 1e-3)))),
    );
    return {
      kind: candidate.kind,
      references: values.length,
      expected,
      lower: expected * Math.exp(-z * sigma),
      upper: expected * Math.exp(z * sigma),
    };
  }
  return undefined;
}

/** P(Z > z) for a standard normal Z (Abramowitz and Stegun 7.1.26, within 1.5·10⁻⁷ relative). */
export function normalTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 0.5 * poly * Math.exp(-x * x);
}

/**
 * The counts a Poisson law of mean `mean` falls below (lower) or above (upper) with probability at
 * most `p` each: the largest k with P(X < k) ≤ p, and the smallest k with P(X > k) ≤ p. Past a
 * mean of 700 (e^-mean underflows) the square-root bounds are exact enough: the tail gives nothing.
 */
export function poissonTail(mean: number, p: number): { lower: number; upper: number } {
  if (mean > 700) return { lower: Infinity, upper: 0 };
  let pmf = Math.exp(-mean);
  let cdf = pmf; // P(X <= k)
  let k = 0;
  let lower = 0;
  while (cdf <= p) {
    k += 1;
    pmf *= mean / k;
    cdf += pmf;
    lower = k;
  }
  // Bounded: with a tiny p, 1 - cdf stops shrinking at the float's precision.
  while (1 - cdf > p && k < mean + 40 * Math.sqrt(mean) + 40) {
    k += 1;
    pmf *= mean / k;
    cdf += pmf;
  }
  return { lower, upper: k };
}
