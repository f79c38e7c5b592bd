import type { GroupLag } from '../commands/lag';
import type { Failure, Signal } from './types';

/** A platform_signals row as Postgres returns it. */
export interface SignalRow {
  at: Date;
  service: string;
  kind: string;
  subject: string;
  detail: string | null;
}

export const recordedSignal = (row: SignalRow): Signal => ({
  at: row.at.getTime(),
  kind: row.kind,
  service: row.service,
  subject: row.subject,
  detail: row.detail,
  origin: 'recorded',
});

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * LAG_GROWING per consumer group that lags now: at the time of its oldest unconsumed message (when
 * the backlog began), if that falls in [fromMs, toMs). Lag is measured now: a backlog drained
 * since leaves no signal.
 */
export function lagSignals(
  lags: readonly GroupLag[],
  now: number,
  window: { fromMs: number; toMs: number },
): Signal[] {
  return lags.flatMap((g) => {
    if (g.totalLag === 0 || g.maxLagSeconds === null || g.maxLagSeconds === 0) return [];
    const at = now - Math.round(g.maxLagSeconds * 1000);
    if (at < window.fromMs || at >= window.toMs) return [];
    const topics = [...new Set(g.partitions.filter((p) => p.lag > 0).map((p) => p.topic))];
    const detail = `${g.totalLag} messages behind on ${topics.join(', ')}, oldest unconsumed since ${clock(at)}`;
    return [
      {
        at,
        kind: 'LAG_GROWING',
        service: 'triage',
        subject: g.groupId,
        detail,
        origin: 'derived' as const,
      },
    ];
  });
}

/** The FlowAnomalyDetected fields a signal keeps (timestamps decode as Date or epoch ms). */
export interface FlowAnomaly {
  seriesKey: string;
  direction: string;
  observed: number;
  expected: number;
  windowStart: Date | number;
  explanation: string;
}

/** FLOW_ANOMALY at the start of the window that broke its baseline (when the flow changed). */
export const anomalySignal = (a: FlowAnomaly): Signal => ({
  at: typeof a.windowStart === 'number' ? a.windowStart : a.windowStart.getTime(),
  kind: 'FLOW_ANOMALY',
  service: 'flow-watch',
  subject: a.seriesKey,
  detail: `${a.direction}: ${a.observed} against ${a.expected} expected; ${a.explanation}`,
  origin: 'derived',
});

export interface SpikeOptions {
  /** Failures of one code in one minute that make a burst, at least (default 5). */
  minPerMinute?: number;
  /** …and at least this many times the code's mean rate in the 30 minutes before (default 3). */
  factor?: number;
}

const MINUTE = 60_000;
const BASELINE_MINUTES = 30;

/**
 * ERROR_SPIKE: the onset of a burst of one error code among failed Odoo calls (OdooSyncFailed)
 * and fulfillment failures (FulfillmentFailed): the first failure of the first minute with at
 * least `minPerMinute` of that code and `factor` times its mean per minute over the 30 minutes
 * before. One signal per burst: the code must go quiet (below the threshold) for 30 minutes first.
 */
export function errorSpikes(failures: readonly Failure[], options: SpikeOptions = {}): Signal[] {
  const min = options.minPerMinute ?? 5;
  const factor = options.factor ?? 3;
  const byCode = new Map<string, Failure[]>();
  for (const f of failures) {
    if ((f.source !== 'sync-failure' && f.source !== 'fulfillment-failure') || !f.errorClass)
      continue;
    byCode.set(f.errorClass, [...(byCode.get(f.errorClass) ?? []), f]);
  }
  const out: Signal[] = [];
  for (const [code, list] of byCode) {
    const sorted = [...list].sort((a, b) => a.at - b.at);
    const buckets = new Map<number, Failure[]>();
    for (const f of sorted) {
      const b = Math.floor(f.at / MINUTE);
      buckets.set(b, [...(buckets.get(b) ?? []), f]);
    }
    let lastHot = -Infinity;
    for (const [b, inMinute] of [...buckets].sort((x, y) => x[0] - y[0])) {
      let before = 0;
      for (let k = b - BASELINE_MINUTES; k < b; k++) before += buckets.get(k)?.length ?? 0;
      const baseline = before / BASELINE_MINUTES;
      const hot = inMinute.length >= min && inMinute.length >= factor * baseline;
      if (hot && b - lastHot > BASELINE_MINUTES) {
        const first = inMinute[0]!;
        out.push({
          at: first.at,
          kind: 'ERROR_SPIKE',
          service: first.service,
          subject: code,
          detail: `${inMinute.length} ${code} in a minute (${baseline.toFixed(1)}/min in the 30 min before)`,
          origin: 'derived',
        });
      }
      if (inMinute.length >= min) lastHot = b;
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
