import type { ComposeService } from './compose-model';
import { addressesIn } from './hosts';

/** `127.0.0.1:8081:8080`, `8081:8080/tcp`, `8080` or `{ target: 8080, published: 8081 }`. */
function mappingOf(entry: unknown): { published?: number; target?: number } {
  if (typeof entry === 'object' && entry !== null) {
    const e = entry as { target?: unknown; published?: unknown };
    return { target: Number(e.target) || undefined, published: Number(e.published) || undefined };
  }
  const parts = String(entry)
    .replace(/\/\w+$/, '')
    .split(':');
  const target = Number(parts.at(-1)) || undefined;
  return { target, published: parts.length > 1 ? Number(parts.at(-2)) || undefined : undefined };
}

/**
 * The ports another container can reach `name` on, or undefined when we cannot tell. A Kafka
 * broker answers usefully only on listeners it advertises under its own service name (the
 * others hand clients 127.0.0.1); other services listen on their *PORT variables, their
 * published ports' container side and `expose`.
 */
export function reachablePorts(name: string, s: ComposeService): Set<number> | undefined {
  const advertised = s.environment.KAFKA_ADVERTISED_LISTENERS;
  if (advertised !== undefined) {
    const own = addressesIn(advertised).filter((a) => a.host === name && a.port !== undefined);
    return new Set(own.map((a) => a.port!));
  }
  const ports = new Set<number>();
  for (const [k, v] of Object.entries(s.environment))
    if (/(^|_)PORT$/.test(k) && Number(v)) ports.add(Number(v));
  const raw = s as { ports?: unknown[]; expose?: unknown[] };
  for (const p of raw.ports ?? []) {
    const { target } = mappingOf(p);
    if (target) ports.add(target);
  }
  for (const p of raw.expose ?? []) if (Number(p)) ports.add(Number(p));
  if ((s.image ?? '').startsWith('postgres')) ports.add(5432);
  return ports.size ? ports : undefined;
}

/** Host-side ports of `s` (a container calling one of them reaches nothing, or something else). */
export const publishedPorts = (s: ComposeService): number[] =>
  ((s as { ports?: unknown[] }).ports ?? [])
    .map((p) => mappingOf(p).published)
    .filter((p): p is number => p !== undefined);
