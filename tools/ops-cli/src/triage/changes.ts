import type { ChangeCandidate, FailureGroup, Signal } from './types';

/*
 * What changed around a group's start, ranked: explainable statistics, no model.
 *
 * Candidates are the signals from `firstSeen − LOOKBACK_MS` (30 min) to `lastSeen` (a detected
 * state, CIRCUIT_OPENED or *_UNREACHABLE, up to DETECTION_MS later: failures trip it), except
 * recoveries (CIRCUIT_CLOSED, *_REACHABLE), which only end the state their opening began. Each gets
 *
 *   score = relevance · (0.6·proximity + 0.4·coverage)          (0..1)
 *
 * A product, not a sum: a signal with no link to the failures (another service's restart) cannot
 * outrank the dependency the failures name just by being close in time.
 * - proximity: how close the signal is to the onset (the first failure), dt = onset − at:
 *   1 when the onset falls while a state the signal opened still holds (Odoo's circuit still open
 *   when invoices first fail minutes into the outage: they begin during it, not after a change);
 *   else exp(−dt / 5 min) before it (4 s before: 0.99; 15 min: 0.05; 1 h: 0). After it: a detected
 *   state (CIRCUIT_OPENED, *_UNREACHABLE) is recorded only once failures tripped it, so
 *   exp(−|dt| / 2 min); anything else 0.5·exp(−|dt| / 1 min) (a cause is recorded before its effects).
 * - relevance: a prior from the group's pattern (relevance() below): 1 for the dependency the
 *   failures name (an Odoo failure ↔ CIRCUIT_OPENED odoo, a carrier failure ↔ CARRIER_UNREACHABLE, a
 *   Kafka error ↔ KAFKA_UNREACHABLE, an Avro/schema error ↔ SCHEMA_REGISTERED), 0.35 when the
 *   failures name that dependency but read as its refusal rather than an outage (a carrier
 *   rejecting an address while it also had a 503 blip), 0.8 for a version change of the failing
 *   service, down to 0.2 for a signal with no known link.
 * - coverage: the share of the group's failures that fell while the signal's state held: from an
 *   opening (less DETECTION_MS, the failures that tripped it) to its recovery (same service and
 *   subject) or, without one, to the end; from a version
 *   change, a schema registered or a start to the next start of the service that recorded it; for a point signal (LAG_GROWING,
 *   ERROR_SPIKE, FLOW_ANOMALY) the ten minutes after it. Counted on `times` when the group carries
 *   its failures' times, else estimated as the overlap with [firstSeen, lastSeen].
 *
 * Candidates are returned best first; ties go to the earlier signal.
 */

/** A group, with its failures' times when the caller has them. */
export interface GroupWithTimes extends FailureGroup {
  /** The times (epoch ms) of the group's failures, when the caller has them (exact coverage). */
  times?: readonly number[];
}

export const LOOKBACK_MS = 30 * 60_000;
const BEFORE_TAU_MS = 5 * 60_000;
const AFTER_TAU_MS = 60_000;
const DETECTED_AFTER_TAU_MS = 2 * 60_000;
/** How long before a detected state was recorded the failures that tripped it may fall. */
const DETECTION_MS = 60_000;
const POINT_SPAN_MS = 10 * 60_000;
const W = { proximity: 0.6, coverage: 0.4 };

/** The signal that ends each state a signal opens. */
export const RECOVERY: Record<string, string> = {
  CIRCUIT_OPENED: 'CIRCUIT_CLOSED',
  KAFKA_UNREACHABLE: 'KAFKA_REACHABLE',
  REGISTRY_UNREACHABLE: 'REGISTRY_REACHABLE',
  CARRIER_UNREACHABLE: 'CARRIER_REACHABLE',
};
const RECOVERIES = new Set(Object.values(RECOVERY));
const DEPLOYS = new Set(['VERSION_CHANGED', 'SCHEMA_REGISTERED', 'SERVICE_STARTED']);

interface Traits {
  odoo: boolean;
  carrier: boolean;
  /** The failures read as an outage (unavailable, timed out, refused connection), not a refusal. */
  outage: boolean;
  kafka: boolean;
  schema: boolean;
  registry: boolean;
}

/** What the failures of a group point at, from their pattern. */
export function traitsOf(group: FailureGroup): Traits {
  const p = group.pattern;
  const text = `${p.errorClass ?? ''} ${p.message}`;
  return {
    odoo:
      p.odooModel !== null ||
      ['TIMEOUT', 'ODOO_UNAVAILABLE', 'CIRCUIT_OPEN', 'OdooRpcError'].includes(
        p.errorClass ?? '',
      ) ||
      (p.topic ?? '').startsWith('odoo.') ||
      // The adapter's handlers call Odoo: a held head's bare "http.503" is Odoo's answer.
      (p.service === 'odoo-adapter' && p.source === 'held') ||
      /\bodoo\b/i.test(text),
    carrier: /carrier/i.test(text) || p.source === 'fulfillment-failure',
    outage:
      p.source === 'held' ||
      /UNAVAILABLE|TIMEOUT|timed out|CIRCUIT|ECONN|ETIMEDOUT|EAI_AGAIN|socket hang up|\b50[234]\b/i.test(
        text,
      ),
    kafka: /kafka|broker|leader|NOT_COORDINATOR|topic-partition/i.test(text),
    schema: /avro|schema|decod|deserializ|envelope/i.test(text),
    registry: /registry/i.test(text),
  };
}

/** The prior that a signal of this kind causes failures with these traits, and why. */
function relevance(s: Signal, group: FailureGroup, t: Traits): [number, string] {
  const own = s.service === group.pattern.service;
  switch (s.kind) {
    case 'CIRCUIT_OPENED':
      if (s.subject === 'odoo' && t.odoo)
        return t.outage
          ? [1, 'Odoo-related failures ↔ the circuit to Odoo']
          : [0.35, 'Odoo refused these calls (not an outage) while its circuit opened'];
      if (s.subject.startsWith('carrier') && t.carrier)
        return [t.outage ? 1 : 0.35, 'carrier failures ↔ the carrier circuit'];
      return [0.3, `a circuit to ${s.subject}, which these failures do not name`];
    case 'KAFKA_UNREACHABLE':
      return t.kafka
        ? [1, 'Kafka errors ↔ the broker lost']
        : [0.4, 'the broker lost (any stage waits)'];
    case 'CARRIER_UNREACHABLE':
      if (!t.carrier) return [0.2, `${s.subject} not answering`];
      return t.outage
        ? [1, `carrier failures ↔ ${s.subject} not answering`]
        : [0.35, `${s.subject} not answering, but these bookings were refused, not unanswered`];
    case 'REGISTRY_UNREACHABLE':
      return t.registry || t.schema
        ? [0.9, 'schema/registry errors ↔ the registry lost']
        : [0.3, 'the registry lost'];
    case 'SCHEMA_REGISTERED':
      return t.schema
        ? [1, 'an Avro/schema error ↔ a schema registered']
        : [0.2, 'a schema registered'];
    case 'VERSION_CHANGED':
      if (own) return [0.8, `a new version of the failing service (${s.service})`];
      return t.schema
        ? [0.7, `an Avro/schema error ↔ a new version of ${s.service}`]
        : [0.25, `a new version of another service (${s.service})`];
    case 'SERVICE_STARTED':
      return own ? [0.4, 'the failing service restarted'] : [0.15, `${s.service} restarted`];
    case 'ERROR_SPIKE':
      if (s.subject === group.pattern.errorClass) return [0.3, 'a spike of this very error'];
      return [0.6, `a spike of ${s.subject} errors`];
    case 'LAG_GROWING':
      return [0.3, 'consumer lag growing (often a consequence)'];
    case 'FLOW_ANOMALY':
      return [0.3, 'an order-flow anomaly'];
    default:
      if (s.subject.startsWith('carrier') && t.carrier)
        return [0.9, 'carrier failures ↔ a carrier signal'];
      return [0.2, 'no known link to these failures'];
  }
}

function proximity(s: Signal, onset: number, stateUntil: number): number {
  const dt = onset - s.at;
  if (dt >= 0 && RECOVERY[s.kind] && onset < stateUntil) return 1;
  if (dt >= 0) return Math.exp(-dt / BEFORE_TAU_MS);
  return RECOVERY[s.kind]
    ? Math.exp(dt / DETECTED_AFTER_TAU_MS)
    : 0.5 * Math.exp(dt / AFTER_TAU_MS);
}

/** [from, to) during which the signal's state held, and how that state is called. */
function span(s: Signal, all: readonly Signal[]): { to: number; end: Signal | undefined } {
  const closer = RECOVERY[s.kind];
  if (closer) {
    const end = all.find(
      (o) =>
        o.kind === closer && o.subject === s.subject && o.service === s.service && o.at >= s.at,
    );
    return { to: end ? end.at : Infinity, end };
  }
  if (DEPLOYS.has(s.kind)) {
    const end = all.find(
      (o) => o !== s && o.service === s.service && o.kind === 'SERVICE_STARTED' && o.at > s.at,
    );
    return { to: end ? end.at : Infinity, end };
  }
  return { to: s.at + POINT_SPAN_MS, end: undefined };
}

function covered(group: GroupWithTimes, from: number, to: number): [number, number] {
  if (group.times?.length) {
    const n = group.times.filter((t) => t >= from && t <= to).length;
    return [n, group.times.length];
  }
  const length = group.lastSeen - group.firstSeen;
  const overlap = Math.max(0, Math.min(to, group.lastSeen) - Math.max(from, group.firstSeen));
  const share =
    length > 0 ? overlap / length : from <= group.firstSeen && to >= group.firstSeen ? 1 : 0;
  return [Math.round(share * group.count), group.count];
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);
export function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
const describe = (s: Signal) =>
  `${s.kind} ${s.subject}${s.service !== 'triage' ? ` (${s.service})` : ''}`;
const STATE: Record<string, string> = {
  CIRCUIT_OPENED: 'open',
  KAFKA_UNREACHABLE: 'unreachable',
  REGISTRY_UNREACHABLE: 'unreachable',
  CARRIER_UNREACHABLE: 'unreachable',
};

/** Candidate causes of a group among the signals around its start, best first. */
export function rankChanges(group: GroupWithTimes, signals: readonly Signal[]): ChangeCandidate[] {
  const onset = group.firstSeen;
  const sorted = [...signals].sort((a, b) => a.at - b.at);
  const traits = traitsOf(group);
  // A detected state is recorded only once failures tripped it: up to DETECTION_MS after the
  // group's last failure, as when its only failure is the call that opened the circuit.
  const until = (s: Signal) => group.lastSeen + (RECOVERY[s.kind] ? DETECTION_MS : 0);
  const candidates = sorted.filter(
    (s) => !RECOVERIES.has(s.kind) && s.at >= onset - LOOKBACK_MS && s.at <= until(s),
  );
  return candidates
    .map((s) => {
      const { to, end } = span(s, sorted);
      const p = proximity(s, onset, to);
      const [r, why] = relevance(s, group, traits);
      const [n, total] = covered(group, RECOVERY[s.kind] ? s.at - DETECTION_MS : s.at, to);
      const c = total > 0 ? n / total : 0;
      const score = r * (W.proximity * p + W.coverage * c);
      const when = s.at <= onset ? 'before' : 'after';
      const state = STATE[s.kind];
      const evidence = [
        `${describe(s)} at ${clock(s.at)}, ${duration(onset - s.at)} ${when} the first failure` +
          (s.detail ? ` (${s.detail})` : ''),
        state
          ? `${n} of ${total} failures fell while it was ${state}` +
            (end ? ` (until ${clock(end.at)})` : ' (no recovery recorded)')
          : `${n} of ${total} failures fell ${DEPLOYS.has(s.kind) ? 'after it' : `in the ${duration(POINT_SPAN_MS)} after it`}`,
        `relevance ${r.toFixed(2)}: ${why}`,
        `score ${score.toFixed(2)} = relevance ${r.toFixed(2)} × (${W.proximity}×proximity ${p.toFixed(2)} + ${W.coverage}×coverage ${c.toFixed(2)})`,
      ];
      return { signal: s, score: Math.round(score * 1000) / 1000, evidence };
    })
    .sort((a, b) => b.score - a.score || a.signal.at - b.signal.at);
}
