import { Client } from 'pg';
import { testInfra } from '@o2c/testing';
import type { OwnInfra } from './own-infra';
import { SERVICES, type Platform, type ServiceName } from './platform';

export type Fault =
  | { kind: 'kill'; service: ServiceName }
  | { kind: 'freeze'; service: ServiceName; ms: number }
  | { kind: 'broker' }
  | { kind: 'registry' }
  | { kind: 'pg-sessions' };

export interface ChaosPlan {
  /** Faults in the order they happen, `gapMs` apart. */
  faults: Fault[];
  gapMs: number;
}

export interface TimelineEntry {
  /** Seconds since the driver started. */
  at: number;
  fault: string;
  /** What happened, e.g. "restarted and ready in 4.2 s". */
  outcome: string;
}

/** A small deterministic PRNG, so a chaos run can be repeated with its seed. */
export const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

/**
 * Every service killed `killsPerService` times in a random order, one frozen for `freezeMs`, the
 * broker and the registry killed and restarted, and the services' Postgres sessions terminated,
 * shuffled by `seed`.
 */
export function planChaos(o: {
  killsPerService: number;
  freezeMs: number;
  brokerKills: number;
  registryKills: number;
  pgTerminations: number;
  gapMs: number;
  seed: number;
}): ChaosPlan {
  const random = seeded(o.seed);
  const faults: Fault[] = [];
  for (let i = 0; i < o.killsPerService; i++)
    for (const service of SERVICES) faults.push({ kind: 'kill', service });
  const frozen = SERVICES[Math.floor(random() * SERVICES.length)]!;
  faults.push({ kind: 'freeze', service: frozen, ms: o.freezeMs });
  for (let i = 0; i < o.brokerKills; i++) faults.push({ kind: 'broker' });
  for (let i = 0; i < o.registryKills; i++) faults.push({ kind: 'registry' });
  for (let i = 0; i < o.pgTerminations; i++) faults.push({ kind: 'pg-sessions' });
  for (let i = faults.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [faults[i], faults[j]] = [faults[j]!, faults[i]!];
  }
  return { faults, gapMs: o.gapMs };
}

const describeFault = (f: Fault) =>
  f.kind === 'kill'
    ? `kill -9 ${f.service}`
    : f.kind === 'freeze'
      ? `SIGSTOP ${f.service} for ${f.ms / 1000} s`
      : f.kind === 'broker'
        ? 'kill -9 the Kafka broker'
        : f.kind === 'registry'
          ? 'kill -9 the schema registry'
          : "terminate the services' Postgres sessions";

async function terminateSessions(p: Platform): Promise<number> {
  const admin = new Client({ connectionString: testInfra.postgresAdminUrl });
  await admin.connect();
  try {
    const names = SERVICES.map((s) => p.dbs[s].name);
    const { rowCount } = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()',
      [names],
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/**
 * Runs the plan against a platform on its own infra, one fault at a time: each killed process is
 * started again (and waited for) before the next fault, a frozen one is continued after its time.
 * `stop()` ends the run after the fault in progress; `done` resolves with the timeline.
 */
export function runChaos(
  p: Platform,
  infra: OwnInfra,
  plan: ChaosPlan,
  log: (line: string) => void = () => undefined,
) {
  const started = Date.now();
  const timeline: TimelineEntry[] = [];
  let stopped = false;
  let wake: () => void = () => undefined;
  const pause = (ms: number) =>
    new Promise<void>((r) => {
      const timer = setTimeout(r, ms);
      wake = () => {
        clearTimeout(timer);
        r();
      };
    });
  const secs = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

  /** A restart that fails (a port not yet released, say) is tried again, as an operator would. */
  async function again(work: () => Promise<unknown>, what: string) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= 5) throw error;
        log(`could not ${what} (attempt ${attempt}): ${String(error).split('\n')[0]}`);
        await new Promise((r) => setTimeout(r, 2_000 * attempt));
      }
    }
  }

  async function inject(f: Fault): Promise<string> {
    const t = Date.now();
    switch (f.kind) {
      case 'kill':
        await p.stop(f.service, 'SIGKILL');
        await again(() => p.start(f.service), `start ${f.service} again`);
        return `restarted, ready again in ${secs(t)} s`;
      case 'freeze': {
        const pid = p.pid(f.service);
        if (!pid) return 'not running';
        process.kill(pid, 'SIGSTOP');
        await new Promise((r) => setTimeout(r, f.ms));
        process.kill(pid, 'SIGCONT');
        await p.ready(f.service);
        return `continued, ready ${secs(t)} s after the stop`;
      }
      case 'broker':
      case 'registry': {
        infra.kill(f.kind === 'broker' ? 1 : 'registry');
        await again(() => infra.up(), 'start it again');
        return `restarted in ${secs(t)} s`;
      }
      case 'pg-sessions':
        return `${await terminateSessions(p)} sessions terminated`;
    }
  }

  const done = (async () => {
    for (const fault of plan.faults) {
      if (stopped) break;
      await pause(plan.gapMs);
      if (stopped) break;
      const at = Number(secs(started));
      const outcome = await inject(fault);
      const entry = { at, fault: describeFault(fault), outcome };
      timeline.push(entry);
      log(`${entry.at.toFixed(1)} s  ${entry.fault}: ${entry.outcome}`);
    }
    return timeline;
  })();
  // Awaited by the run later; a fault that fails for good must not end the process before that.
  done.catch(() => undefined);

  return {
    done,
    timeline,
    stop() {
      stopped = true;
      wake();
      return done;
    },
  };
}

/** The fault timeline as a table, for the chaos script and the test's output. */
export const formatTimeline = (timeline: TimelineEntry[]): string =>
  timeline
    .map((e) => `${e.at.toFixed(1).padStart(7)} s  ${e.fault.padEnd(42)} ${e.outcome}`)
    .join('\n');
