import { Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = Registry;

/** One registry per service, with process metrics and a `service` label on every series. */
export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
