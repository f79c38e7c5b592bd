import type { Signal } from './types';

/** The recorded transitions of each dependency a failure can wait on. */
const transitions: readonly { name: string; down: string; up: string; subject: RegExp }[] = [
  { name: 'Odoo', down: 'CIRCUIT_OPENED', up: 'CIRCUIT_CLOSED', subject: /^odoo$/i },
  {
    name: 'the carrier',
    down: 'CARRIER_UNREACHABLE',
    up: 'CARRIER_REACHABLE',
    subject: /^carrier/i,
  },
  { name: 'Kafka', down: 'KAFKA_UNREACHABLE', up: 'KAFKA_REACHABLE', subject: /^kafka$/i },
  {
    name: 'the schema registry',
    down: 'REGISTRY_UNREACHABLE',
    up: 'REGISTRY_REACHABLE',
    subject: /^registry$/i,
  },
];

export interface DependencyState {
  back: boolean;
  /** The latest transition, in words ("CIRCUIT_CLOSED odoo at 10:14:03Z by odoo-adapter"). */
  latest: string;
}

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19) + 'Z';

/**
 * Whether a dependency is back, by the latest of its recorded transitions (any service; for a
 * carrier, those of the carrier `text` names when there are any); undefined when none is recorded.
 */
export function dependencyState(
  name: string,
  signals: readonly Signal[],
  text = '',
): DependencyState | undefined {
  const t = transitions.find((x) => x.name === name);
  if (!t) return undefined;
  const all = signals.filter(
    (s) => (s.kind === t.down || s.kind === t.up) && t.subject.test(s.subject),
  );
  const named = all.filter((s) => {
    const code = s.subject.split(':')[1];
    return code !== undefined && new RegExp(`\\b${code}\\b`, 'i').test(text);
  });
  const relevant = named.length > 0 ? named : all;
  const latest = [...relevant].sort((a, b) => b.at - a.at)[0];
  if (!latest) return undefined;
  return {
    back: latest.kind === t.up,
    latest: `${latest.kind} ${latest.subject} at ${hhmmss(latest.at)} by ${latest.service}`,
  };
}
