import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ: the unit of /proc/<pid>/stat times; 100 on every Linux this runs on (x86-64, arm64).
const TICK_MS = 10;

interface Stat {
  comm: string;
  ppid: number;
  /** utime + stime, and the same for children it has waited for. */
  own: number;
  children: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    // Fields after the command name, from field 3 (state): ppid is 4, utime 14 ... cstime 17.
    const f = text
      .slice(close + 2)
      .split(' ')
      .map(Number);
    return {
      comm,
      ppid: f[1]!,
      own: (f[11]! + f[12]!) * TICK_MS,
      children: (f[13]! + f[14]!) * TICK_MS,
    };
  } catch {
    return undefined;
  }
}

/** CPU time a process used so far (user + system), in ms; undefined once it is gone. */
export function cpuMs(pid: number): number | undefined {
  return stat(pid)?.own;
}

/**
 * CPU time of the whole Postgres server so far: the postmaster, its live backends and the
 * backends that already exited (their time is in the postmaster's children's times).
 */
export function postgresCpuMs(): number {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => ({ pid: Number(d), s: stat(Number(d)) }))
    .filter((p) => p.s?.comm === 'postgres');
  const pids = new Set(all.map((p) => p.pid));
  return all.reduce((sum, { s }) => sum + s!.own + (pids.has(s!.ppid) ? 0 : s!.children), 0);
}

/** CPU used by named processes (and Postgres as a whole) between this call and `stop()`, in ms. */
export function measureCpu(pids: Record<string, number | undefined>) {
  const read = () => {
    const out: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const ms = pid ? cpuMs(pid) : undefined;
      if (ms !== undefined) out[name] = ms;
    }
    out.postgres = postgresCpuMs();
    return out;
  };
  const before = read();
  return {
    stop(): Record<string, number> {
      const after = read();
      return Object.fromEntries(
        Object.keys(after)
          .filter((name) => before[name] !== undefined)
          .map((name) => [name, after[name]! - before[name]!]),
      );
    },
  };
}

/** What the processes burn over `seconds` (no orders: timers, polls, heartbeats), as markdown. */
export async function idleCpuRows(
  pids: Record<string, number | undefined>,
  seconds: number,
): Promise<string> {
  const cpu = measureCpu(pids);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const used = Object.entries(cpu.stop()).sort((a, b) => b[1] - a[1]);
  const perSecond = (ms: number) => (ms / seconds).toFixed(1);
  return [
    `\n| process (idle ${seconds} s) | CPU ms per second |\n| --- | --- |`,
    ...used.map(([name, ms]) => `| ${name} | ${perSecond(ms)} |`),
    `| all | ${perSecond(used.reduce((a, [, ms]) => a + ms, 0))} |`,
  ].join('\n');
}
