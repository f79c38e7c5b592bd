import {
  DEFAULT_BASELINE,
  QUIET,
  explain,
  SERIES,
  baselineOf,
  histogramOf,
  normalTail,
  poissonTail,
  quantileOf,
  referencePlan,
  step,
  verdictOf,
  type DetectionState,
  type Direction,
} from '../src/domain';
import { replayWeek, TEST_WEEK, WINDOW } from './replay-week';
import { DAY, HISTORY_START, MINUTE, minuteCounts, prng, rates } from './traffic';

const TUESDAY_10 = TEST_WEEK + DAY + 10 * 60 * MINUTE;

/** Five weeks (four of history, one under test) with minutes from `from` to `to` silenced. */
const silenced = (counts: number[], from: number, to: number) =>
  counts.map((c, i) => {
    const at = HISTORY_START + i * MINUTE;
    return at >= from && at < to ? 0 : c;
  });

describe('the flow detector over a normal week replayed at speed', () => {
  const webshop = minuteCounts(rates.webshop, 5, 17);
  const edi = minuteCounts(rates.edi, 5, 29);

  it.each([17, 101, 202, 303, 404])(
    'stays quiet on every window of a normal week for both channels (traffic seed %i)',
    (seed) => {
      expect(replayWeek(minuteCounts(rates.webshop, 5, seed))).toEqual([]);
      expect(replayWeek(minuteCounts(rates.edi, 5, seed + 12))).toEqual([]);
    },
  );

  it('flags a channel silent from Tuesday 10:00 within the window and one bucket, and not the other channel', () => {
    const findings = replayWeek(silenced(edi, TUESDAY_10, TUESDAY_10 + 12 * 3600_000));
    const opened = findings.filter((f) => f.kind === 'open');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.direction).toBe('LOW');
    expect(opened[0]!.at).toBeGreaterThan(TUESDAY_10);
    expect(opened[0]!.at).toBeLessThanOrEqual(TUESDAY_10 + (WINDOW + 1) * MINUTE);
    // Office hours end at 18:00: from then on nothing is expected, and the anomaly clears.
    const cleared = findings.find((f) => f.kind === 'clear');
    expect(cleared?.at).toBeGreaterThan(TUESDAY_10 + 7 * 3600_000);
    expect(cleared!.at).toBeLessThanOrEqual(TUESDAY_10 + 8 * 3600_000 + WINDOW * MINUTE);
    expect(replayWeek(webshop)).toEqual([]);
  });

  it('never flags silence at night, when almost nothing is expected', () => {
    const night = TEST_WEEK + 2 * DAY;
    expect(replayWeek(silenced(webshop, night, night + 6 * 3600_000))).toEqual([]);
    expect(replayWeek(silenced(edi, night, night + 7 * 3600_000))).toEqual([]);
  });
});

describe('the count baseline', () => {
  it('accepts 19 against a median of 20 with a MAD of 0 (the Poisson floor)', () => {
    const baseline = baselineOf(
      [{ kind: 'recent', values: [20, 20, 20] }],
      'count',
      DEFAULT_BASELINE,
    )!;
    expect(verdictOf(19, baseline, SERIES.orders_per_channel)).toBeUndefined();
    expect(verdictOf(0, baseline, SERIES.orders_per_channel)).toBe('LOW');
    expect(baseline.lower).toBeCloseTo(1.92, 2);
    expect(baseline.upper).toBeCloseTo(57.12, 2);
  });

  it('uses the exact Poisson tail where the square root is poor: a median of 8 accepts an empty window', () => {
    expect(normalTail(5)).toBeCloseTo(2.87e-7, 8);
    // P(X = 0 | 8) = 3.4e-4: an empty window is rare, not an anomaly at z = 5.
    expect(poissonTail(8, normalTail(5))).toEqual({ lower: 0, upper: 26 });
    expect(poissonTail(20, normalTail(5)).lower).toBe(2);
    const baseline = baselineOf(
      [{ kind: 'seasonal', values: [8, 8, 8, 8] }],
      'count',
      DEFAULT_BASELINE,
    )!;
    expect(verdictOf(0, baseline, SERIES.orders_per_channel)).toBeUndefined();
    expect(verdictOf(33, baseline, SERIES.orders_per_channel)).toBeUndefined();
    expect(verdictOf(34, baseline, SERIES.orders_per_channel)).toBe('HIGH');
  });

  it('falls back from seasonal to daily to recent as the history allows, and judges nothing without enough', () => {
    const start = HISTORY_START + 30 * DAY;
    const plan = (firstSeen: number) =>
      referencePlan(start, 10 * MINUTE, firstSeen, DEFAULT_BASELINE).map((p) => [
        p.kind,
        p.starts.length,
      ]);
    expect(plan(HISTORY_START)).toEqual([
      ['seasonal', 4],
      ['daily', 7],
      ['recent', 12],
    ]);
    expect(plan(start - 3 * DAY)).toEqual([
      ['daily', 3],
      ['recent', 12],
    ]);
    expect(plan(start - 30 * MINUTE)).toEqual([['recent', 3]]);
    expect(plan(start - 20 * MINUTE)).toEqual([]);
    expect(baselineOf([], 'count', DEFAULT_BASELINE)).toBeUndefined();
  });
});

describe('a stage latency series', () => {
  const random = prng(5);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
  /** The p95 of a window of 60 latencies around `median` seconds (log-normal, through the histogram). */
  const windowP95 = (medianSeconds: number) =>
    quantileOf(
      histogramOf(Array.from({ length: 60 }, () => medianSeconds * Math.exp(0.3 * gauss()))),
      0.95,
    )!;

  it('flags a step up as HIGH and stays quiet before it', () => {
    const history: number[] = [];
    let state: DetectionState = QUIET;
    const verdicts: (Direction | undefined)[] = [];
    for (let i = 0; i < 40; i++) {
      const observed = windowP95(i < 30 ? 20 : 80);
      const baseline = baselineOf(
        [{ kind: 'recent', values: history.slice(-12) }],
        'latency',
        DEFAULT_BASELINE,
      );
      history.push(observed);
      if (!baseline) continue;
      const verdict = verdictOf(observed, baseline, SERIES.stage_latency_p95);
      verdicts.push(verdict);
      state = step(state, verdict, 1).state;
      if (i === 30) expect(state.open).toBe('HIGH');
    }
    expect(verdicts.slice(0, 27).filter(Boolean)).toEqual([]);
    expect(verdicts[27]).toBe('HIGH');
  });

  it('never raises a LOW latency (a faster stage is no incident)', () => {
    const baseline = baselineOf(
      [{ kind: 'recent', values: [30, 30, 31] }],
      'latency',
      DEFAULT_BASELINE,
    )!;
    expect(verdictOf(1, baseline, SERIES.stage_latency_p95)).toBeUndefined();
  });
});

describe('explain', () => {
  it('states what was seen, the bounds, the median and where it comes from', () => {
    const baseline = baselineOf(
      [{ kind: 'recent', values: [24, 24, 24, 24, 24, 24] }],
      'count',
      DEFAULT_BASELINE,
    )!;
    expect(
      explain(
        { series: 'orders_per_channel', subject: 'edi', unit: 'orders', windowSeconds: 6 },
        2,
        'LOW',
        baseline,
      ),
    ).toBe(
      'orders_per_channel of edi: 2 orders over 6 s, below the accepted 4…59.4 (median 24 over 6 reference windows: the windows just before)',
    );
  });
});

describe('step', () => {
  it('opens after the configured consecutive windows, once, and clears when back in bounds', () => {
    let state = QUIET;
    const kinds: string[] = [];
    for (const v of ['LOW', 'LOW', 'LOW', 'LOW', undefined, 'HIGH'] as const) {
      const next = step(state, v, 3);
      state = next.state;
      kinds.push(next.transition.kind);
    }
    expect(kinds).toEqual(['none', 'none', 'open', 'none', 'clear', 'none']);
    expect(step({ streak: 0, streakDirection: null, open: 'LOW' }, 'HIGH', 1).transition).toEqual({
      kind: 'clear-and-open',
      cleared: 'LOW',
      direction: 'HIGH',
    });
  });
});
