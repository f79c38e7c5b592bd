import { Gauge, type Registry } from 'prom-client';
import type { Judged } from './flow-deps';

/** The metrics of each judged window: observed value, baseline bounds, and whether an anomaly is open. */
export function flowGauges(registry: Registry): (judged: Judged) => void {
  const open = new Gauge({
    name: 'o2c_flow_anomaly_open',
    help: 'An anomaly is open on the series and subject in this direction (1) or not (0)',
    labelNames: ['series', 'subject', 'direction'],
    registers: [registry],
  });
  const observed = new Gauge({
    name: 'o2c_flow_observed',
    help: 'The value of the last judged window (a count over the window, or a p95 in seconds)',
    labelNames: ['series', 'subject'],
    registers: [registry],
  });
  const expected = new Gauge({
    name: 'o2c_flow_expected',
    help: 'The baseline of the last judged window: its median and the bounds it accepts',
    labelNames: ['series', 'subject', 'bound'],
    registers: [registry],
  });
  return ({ series, subject, observed: value, baseline, open: direction }) => {
    observed.set({ series, subject }, value);
    if (baseline) {
      expected.set({ series, subject, bound: 'low' }, baseline.lower);
      expected.set({ series, subject, bound: 'median' }, baseline.expected);
      expected.set({ series, subject, bound: 'high' }, baseline.upper);
    }
    for (const d of ['LOW', 'HIGH'] as const)
      open.set({ series, subject, direction: d }, direction === d ? 1 : 0);
  };
}
