export interface OpenException {
  service: string;
  kind: string;
  open: number;
  oldestAgeSeconds: number;
}

const sample = /^(o2c_exceptions_open|o2c_exception_oldest_open_age_seconds)\{([^}]*)\}\s+(\S+)/;

/**
 * Open exceptions from a service's Prometheus text: o2c_exceptions_open{kind} and
 * o2c_exception_oldest_open_age_seconds{kind}, one row per kind, kinds with none open left out.
 */
export function openExceptionsOf(service: string, metricsText: string): OpenException[] {
  const byKind = new Map<string, OpenException>();
  for (const line of metricsText.split('\n')) {
    const m = sample.exec(line);
    if (!m) continue;
    const kind = /(?:^|,)kind="((?:[^"\\]|\\.)*)"/.exec(m[2]!)?.[1];
    if (kind === undefined) continue;
    const row = byKind.get(kind) ?? { service, kind, open: 0, oldestAgeSeconds: 0 };
    if (m[1] === 'o2c_exceptions_open') row.open = Number(m[3]);
    else row.oldestAgeSeconds = Number(m[3]);
    byKind.set(kind, row);
  }
  return [...byKind.values()].filter((r) => r.open > 0);
}
