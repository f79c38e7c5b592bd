import type { Platform, ServiceName } from './platform';
import { runOps } from './verify';

interface Signal {
  kind: string;
  service: string;
  subject: string;
  at: number;
}

export interface TriageGroup {
  signature: string;
  count: number;
  orderIds: string[];
  channels: Record<string, number>;
  pattern: {
    source: string;
    service: string;
    topic: string | null;
    errorClass: string | null;
  };
  changes: Array<{ score: number; evidence: string[]; signal: Signal }>;
  proposal: { kind: string; command: string; dryRun: string; why: string };
}

export interface TriageRun {
  groups: TriageGroup[];
  causes: Array<{
    signal: Signal | null;
    score: number;
    signatures: string[];
    count: number;
    orderIds: string[];
  }>;
  warnings: string[];
}

/** What o2c-ops needs to read this platform: its topic prefix and every service's database. */
export function opsEnvOf(p: Platform): Record<string, string> {
  const env: Record<string, string> = { TOPIC_PREFIX: p.prefix };
  for (const [service, db] of Object.entries(p.dbs) as [ServiceName, { url: string }][])
    env[`${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`] = db.url;
  return env;
}

/** `o2c-ops triage <args>` against this platform, its JSON parsed. */
export async function triage(p: Platform, args: string[] = []): Promise<TriageRun> {
  const { exitCode, json } = await runOps(['triage', ...args], opsEnvOf(p));
  if (exitCode !== 0) throw new Error(`o2c-ops triage ${args.join(' ')}: exit ${exitCode}`);
  return json as unknown as TriageRun;
}

/** The incident whose cause is a signal of this kind, if triage found one. */
export const causeOf = (run: TriageRun, kind: string) =>
  run.causes.find((c) => c.signal?.kind === kind);

/** `o2c-ops triage act <signature> [args]` against this platform. */
export const triageAct = (p: Platform, signature: string, args: string[] = []) =>
  runOps(['triage', 'act', signature, ...args], opsEnvOf(p));

/** One line per group: what an assertion on incidents needs to show when it fails. */
export const describeGroups = (run: TriageRun) =>
  run.groups
    .map((g) => {
      const top = g.changes[0];
      const { source, service, topic, errorClass } = g.pattern;
      return `${g.signature} ${source}/${service}/${topic ?? '-'} ${errorClass ?? '-'} ×${g.count}: ${
        top
          ? `${top.signal.kind} ${top.signal.subject} @${top.signal.at} score ${top.score}`
          : 'no candidate'
      }`;
    })
    .join('\n');
