import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { say } from './env';
import { root } from './paths';
import {
  type Managed,
  managed,
  portInUse,
  readPid,
  startDetached,
  stopManaged,
  waitUntilReady,
} from './processes';

export const prometheusConfig = join(root, 'infra/observability/prometheus.yml');

/** Where `npm start` runs Prometheus: 127.0.0.1:9090, pid, log and data in <run dir>/prometheus. */
export interface PrometheusPlace {
  port: number;
  process: Managed;
  /** The directories searched for a `prometheus` binary (the PATH's syntax). */
  searchPath?: string;
}

const local: PrometheusPlace = { port: 9090, process: managed('prometheus') };

/** The first executable `name` on `searchPath`, as a shell would find it. */
export function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

async function ready(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts Prometheus with the platform's scrape config and alert rules when a `prometheus` binary
 * is on PATH, and returns its URL. Prometheus is optional: without the binary, with its port
 * taken, or when it does not start, this says why and returns undefined (the platform runs on).
 */
export async function prometheusUp(place: PrometheusPlace = local): Promise<string | undefined> {
  const binary = findOnPath('prometheus', place.searchPath);
  if (!binary) {
    say(
      'prometheus: not on PATH, metrics are not collected (apt-get install prometheus; see docs/observability.md)',
    );
    return undefined;
  }
  const m = place.process;
  if (readPid(m)) await stopManaged(m, 5000);
  const url = `http://127.0.0.1:${place.port}`;
  if (await portInUse(place.port)) {
    say(`prometheus: port ${place.port} is in use (another Prometheus?), not started`);
    return undefined;
  }
  const data = join(m.dir, 'data');
  mkdirSync(data, { recursive: true });
  const started = Date.now();
  startDetached(m, binary, [
    `--config.file=${prometheusConfig}`,
    `--storage.tsdb.path=${data}`,
    '--storage.tsdb.retention.time=7d',
    `--web.listen-address=127.0.0.1:${place.port}`,
  ]);
  try {
    const secs = await waitUntilReady(m, () => ready(url), started, 60_000);
    say(`prometheus: ready at ${url} in ${secs} s`);
    return url;
  } catch (error) {
    await stopManaged(m, 5000);
    say(`prometheus: not started: ${(error as Error).message}`);
    return undefined;
  }
}

/** Stops the Prometheus `prometheusUp` started (none: nothing to do). */
export async function prometheusDown(place: PrometheusPlace = local): Promise<void> {
  if (await stopManaged(place.process)) say('prometheus: stopped');
}
