import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testInfra } from '@o2c/testing';

/** Resident memory of a process in MB, from /proc (Linux); undefined once it is gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Pid of a process `npm run infra:up` manages (kafka, registry), if it runs. */
export function infraPid(name: string): number | undefined {
  const file = join(testInfra.runDir, name, 'pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
}

/** Samples the RSS of named processes every interval; `stop()` returns each one's peak. */
export function sampleRss(pids: Record<string, number | undefined>, intervalMs = 500) {
  const peak: Record<string, number> = {};
  const tick = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const mb = pid ? rssMb(pid) : undefined;
      if (mb !== undefined) peak[name] = Math.max(peak[name] ?? 0, mb);
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}
