import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import { clearAnomaly, insertAnomaly, type Anomaly } from '../adapters/db/anomaly-store';
import {
  lockSubject,
  saveSubject,
  windowCounts,
  windowHistograms,
} from '../adapters/db/flow-store';
import {
  SERIES,
  baselineOf,
  explain,
  isSeriesName,
  quantileOf,
  referencePlan,
  sampleCount,
  seriesKeyOf,
  step,
  verdictOf,
  type Baseline,
  type SeriesName,
} from '../domain';
import type { FlowDeps, Judged } from './flow-deps';

const UNITS: Record<SeriesName, string> = {
  orders_per_channel: 'orders',
  stage_latency_p95: 's (p95)',
  dead_letter_rate: 'dead letters',
  odoo_sync_delay_p95: 's (p95)',
};

/** The window's value and its reference windows' values (undefined: too few latency samples). */
async function valuesOf(
  trx: Knex.Transaction,
  deps: FlowDeps,
  key: { series: SeriesName; subject: string },
  starts: number[],
  windowMs: number,
): Promise<(number | undefined)[]> {
  if (SERIES[key.series].kind === 'count') return windowCounts(trx, key, starts, windowMs);
  const histograms = await windowHistograms(trx, key, starts, windowMs);
  return histograms.map((h) =>
    sampleCount(h) >= deps.baseline.minSamples ? quantileOf(h, 0.95) : undefined,
  );
}

/**
 * Judges one closed window of one series and subject, in one transaction with the subject's row
 * locked: a window already judged is skipped, so neither a restart nor a second instance opens
 * or clears an anomaly twice; the anomaly's row and its event (outbox) commit together.
 */
export async function judgeWindow(
  deps: FlowDeps,
  key: { series: string; subject: string },
  windowEnd: number,
): Promise<Judged | undefined> {
  const { series, subject } = key;
  if (!isSeriesName(series)) return undefined;
  const where = { series, subject };
  const windowMs = deps.bucketMs * deps.windowBuckets;
  const windowStart = windowEnd - windowMs;
  return deps.db.transaction(async (trx) => {
    const row = await lockSubject(trx, series, subject);
    if (!row || (row.lastWindowEnd !== null && row.lastWindowEnd >= windowEnd)) return undefined;
    const plan = referencePlan(windowStart, windowMs, row.firstBucket, deps.baseline);
    const starts = [windowStart, ...plan.flatMap((p) => p.starts)];
    const [observed, ...references] = await valuesOf(
      trx,
      deps,
      { series, subject },
      starts,
      windowMs,
    );
    let offset = 0;
    const candidates = plan.map((p) => {
      const values = references.slice(offset, offset + p.starts.length);
      offset += p.starts.length;
      return { kind: p.kind, values };
    });
    const baseline =
      observed === undefined
        ? undefined
        : baselineOf(candidates, SERIES[series].kind, deps.baseline);
    if (observed === undefined || !baseline) {
      await saveSubject(trx, where, windowEnd, row.state);
      return undefined;
    }
    const verdict = verdictOf(observed, baseline, SERIES[series]);
    const { state, transition } = step(row.state, verdict, deps.consecutive);
    const now = deps.now();
    if (transition.kind === 'clear' || transition.kind === 'clear-and-open')
      await clear(trx, deps, { series, subject }, observed, baseline, now);
    if (transition.kind === 'open' || transition.kind === 'clear-and-open')
      await open(trx, deps, {
        anomalyId: deps.newId(),
        series,
        subject,
        direction: transition.direction,
        observed,
        expected: baseline.expected,
        lowerBound: baseline.lower,
        upperBound: baseline.upper,
        baseline: baseline.kind,
        referenceWindows: baseline.references,
        windowStart,
        windowEnd,
        explanation: explain(
          { series, subject, unit: UNITS[series], windowSeconds: windowMs / 1000 },
          observed,
          transition.direction,
          baseline,
        ),
        detectedAt: now,
        clearedAt: null,
        clearedObserved: null,
      });
    await saveSubject(trx, where, windowEnd, state);
    return { series, subject, observed, baseline, open: state.open };
  });
}

async function open(trx: Knex.Transaction, deps: FlowDeps, a: Anomaly): Promise<void> {
  await insertAnomaly(trx, a);
  const fields = {
    anomalyId: a.anomalyId,
    series: a.series,
    subject: a.subject,
    direction: a.direction,
    observed: a.observed,
    expected: a.expected,
    lowerBound: a.lowerBound,
    upperBound: a.upperBound,
    baseline: a.baseline,
    referenceWindows: a.referenceWindows,
    windowStart: a.windowStart,
    windowEnd: a.windowEnd,
    explanation: a.explanation,
    detectedAt: a.detectedAt,
  };
  await deps.outbox.append(
    trx,
    eventFor(
      'FlowAnomalyDetected',
      { ...fields, seriesKey: seriesKeyOf(a.series, a.subject) },
      { correlationId: a.anomalyId, topicPrefix: deps.topicPrefix, occurredAt: a.detectedAt },
    ),
  );
}

async function clear(
  trx: Knex.Transaction,
  deps: FlowDeps,
  key: { series: string; subject: string },
  observed: number,
  baseline: Baseline,
  now: number,
): Promise<void> {
  const was = await clearAnomaly(trx, key, now, observed);
  if (!was) return;
  await deps.outbox.append(
    trx,
    eventFor(
      'FlowAnomalyCleared',
      {
        anomalyId: was.anomalyId,
        seriesKey: seriesKeyOf(key.series, key.subject),
        observed,
        expected: baseline.expected,
        openSeconds: (now - was.detectedAt) / 1000,
        clearedAt: now,
      },
      { correlationId: was.anomalyId, topicPrefix: deps.topicPrefix, occurredAt: now },
    ),
  );
}
