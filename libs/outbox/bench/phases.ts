import type { Registry } from 'prom-client';

export type PhaseTotals = Record<string, { seconds: number; batches: number }>;

/** Sums of the relay's phase histogram and of its publish-lag histogram, by label. */
export async function phaseTotals(metrics: Registry): Promise<PhaseTotals> {
  const totals: PhaseTotals = {};
  for (const [name, label] of [
    ['outbox_relay_phase_seconds', undefined],
    ['outbox_publish_lag_seconds', 'lag (per event)'],
  ] as const) {
    const values = (await metrics.getSingleMetric(name)?.get())?.values ?? [];
    for (const v of values) {
      const phase = label ?? String(v.labels.phase);
      const metricName = (v as { metricName?: string }).metricName ?? '';
      totals[phase] ??= { seconds: 0, batches: 0 };
      if (metricName.endsWith('_sum')) totals[phase].seconds = v.value;
      if (metricName.endsWith('_count')) totals[phase].batches = v.value;
    }
  }
  return totals;
}
