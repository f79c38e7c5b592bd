import type { Knex } from 'knex';
import type { Baseline, Direction } from '../../domain';

export interface Anomaly {
  anomalyId: string;
  series: string;
  subject: string;
  direction: Direction;
  observed: number;
  expected: number;
  lowerBound: number;
  upperBound: number;
  baseline: Baseline['kind'];
  referenceWindows: number;
  windowStart: number;
  windowEnd: number;
  explanation: string;
  detectedAt: number;
  clearedAt: number | null;
  clearedObserved: number | null;
}

interface AnomalyRecord {
  anomaly_id: string;
  series: string;
  subject: string;
  direction: Direction;
  observed: number;
  expected: number;
  lower_bound: number;
  upper_bound: number;
  baseline: Baseline['kind'];
  reference_windows: number;
  window_start: Date;
  window_end: Date;
  explanation: string;
  detected_at: Date;
  cleared_at: Date | null;
  cleared_observed: number | null;
}

const toAnomaly = (r: AnomalyRecord): Anomaly => ({
  anomalyId: r.anomaly_id,
  series: r.series,
  subject: r.subject,
  direction: r.direction,
  observed: r.observed,
  expected: r.expected,
  lowerBound: r.lower_bound,
  upperBound: r.upper_bound,
  baseline: r.baseline,
  referenceWindows: r.reference_windows,
  windowStart: r.window_start.getTime(),
  windowEnd: r.window_end.getTime(),
  explanation: r.explanation,
  detectedAt: r.detected_at.getTime(),
  clearedAt: r.cleared_at?.getTime() ?? null,
  clearedObserved: r.cleared_observed,
});

export async function insertAnomaly(trx: Knex.Transaction, a: Anomaly): Promise<void> {
  await trx('anomalies').insert({
    anomaly_id: a.anomalyId,
    series: a.series,
    subject: a.subject,
    direction: a.direction,
    observed: a.observed,
    expected: a.expected,
    lower_bound: a.lowerBound,
    upper_bound: a.upperBound,
    baseline: a.baseline,
    reference_windows: a.referenceWindows,
    window_start: new Date(a.windowStart),
    window_end: new Date(a.windowEnd),
    explanation: a.explanation,
    detected_at: new Date(a.detectedAt),
  });
}

/** Closes the subject's open anomaly; returns it as it was, or undefined when none was open. */
export async function clearAnomaly(
  trx: Knex.Transaction,
  key: { series: string; subject: string },
  clearedAt: number,
  observed: number,
): Promise<Anomaly | undefined> {
  const [row] = await trx<AnomalyRecord>('anomalies')
    .where(key)
    .whereNull('cleared_at')
    .update({ cleared_at: new Date(clearedAt), cleared_observed: observed })
    .returning('*');
  return row && toAnomaly(row);
}

/** Newest first; `open` only those not cleared. */
export async function listAnomalies(
  db: Knex,
  query: { state: 'open' | 'all'; limit: number },
): Promise<Anomaly[]> {
  const q = db<AnomalyRecord>('anomalies')
    .select('*')
    .orderBy('detected_at', 'desc')
    .limit(query.limit);
  if (query.state === 'open') void q.whereNull('cleared_at');
  return (await q).map(toAnomaly);
}
