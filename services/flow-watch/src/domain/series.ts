/** Below the baseline (a channel gone silent) or above it (a latency step, a burst of dead letters). */
export type Direction = 'LOW' | 'HIGH';

/** How a series is judged: counts in a square-root space, latencies in a log space (baseline.ts). */
export type SeriesKind = 'count' | 'latency';

export interface SeriesSpec {
  kind: SeriesKind;
  /** Directions that are incidents: faster stages or fewer dead letters are not. */
  directions: readonly Direction[];
}

/** The series of the FlowAnomalyDetected contract; their subjects are open sets. */
export const SERIES = {
  /** Orders received (accepted or rejected) per channel, by the order's time. */
  orders_per_channel: { kind: 'count', directions: ['LOW', 'HIGH'] },
  /** Seconds from the order's acceptance to a stage ('reserved', 'shipped', 'invoiced'). */
  stage_latency_p95: { kind: 'latency', directions: ['HIGH'] },
  /** Dead letters per source topic. */
  dead_letter_rate: { kind: 'count', directions: ['HIGH'] },
  /** Seconds from Odoo's write_date to odoo-adapter's event, per Odoo model. */
  odoo_sync_delay_p95: { kind: 'latency', directions: ['HIGH'] },
} as const satisfies Record<string, SeriesSpec>;

export type SeriesName = keyof typeof SERIES;

export const isSeriesName = (s: string): s is SeriesName => s in SERIES;

/** `<series>:<subject>`, the key of ops.anomalies. */
export const seriesKeyOf = (series: string, subject: string) => `${series}:${subject}`;
