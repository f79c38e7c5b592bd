import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NODE_OPTIONS } from '@o2c/platform';
import { waitFor } from '@o2c/testing';

/** Postgres queries by statement and table, Kafka requests by API, of one process. */
export interface RoundTrips {
  db: Record<string, number>;
  kafka: Record<string, number>;
}

const PRELOAD = join(__dirname, 'round-trips-preload.cjs');

/** A service's environment that counts its round trips into `dir` (see round-trips-preload.cjs). */
export const roundTripsEnv = (dir: string) => ({
  NODE_OPTIONS: `${SERVICE_NODE_OPTIONS} --require "${PRELOAD}"`,
  O2C_ROUND_TRIPS_DIR: dir,
});

/** What each process counted so far: each is asked (SIGUSR2) and its answer awaited. */
export async function readRoundTrips(
  dir: string,
  pids: Record<string, number | undefined>,
): Promise<Record<string, RoundTrips>> {
  const asked = Date.now();
  const running = Object.entries(pids).filter((e): e is [string, number] => e[1] !== undefined);
  for (const [, pid] of running) process.kill(pid, 'SIGUSR2');
  const read = (pid: number) => {
    const file = join(dir, `${pid}.json`);
    if (!existsSync(file)) return undefined;
    const counts = JSON.parse(readFileSync(file, 'utf8')) as RoundTrips & { at: number };
    return counts.at >= asked ? counts : undefined;
  };
  return waitFor(
    () => {
      const all = running.map(([name, pid]) => [name, read(pid)] as const);
      return all.every(([, c]) => c) ? Object.fromEntries(all) : undefined;
    },
    { what: 'every service to write its round trips', intervalMs: 20 },
  ) as Promise<Record<string, RoundTrips>>;
}

const minus = (a: Record<string, number>, b: Record<string, number> = {}) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]));
const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
const top = (c: Record<string, number>, orders: number) =>
  Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, v]) => `${k} ${(v / orders).toFixed(1)}`)
    .join(', ');

/** Markdown rows: round trips per order per service, and the most frequent ones. */
export function roundTripRows(
  before: Record<string, RoundTrips>,
  after: Record<string, RoundTrips>,
  orders: number,
): string[] {
  const rows = [
    '| service | Postgres queries per order | most frequent | Kafka requests per order | most frequent |',
    '| --- | --- | --- | --- | --- |',
  ];
  let [db, kafka] = [0, 0];
  for (const [name, counts] of Object.entries(after)) {
    const d = minus(counts.db, before[name]?.db);
    const k = minus(counts.kafka, before[name]?.kafka);
    [db, kafka] = [db + sum(d), kafka + sum(k)];
    const per = (n: number) => (n / orders).toFixed(1);
    rows.push(
      `| ${name} | ${per(sum(d))} | ${top(d, orders)} | ${per(sum(k))} | ${top(k, orders)} |`,
    );
  }
  rows.push(`| all | ${(db / orders).toFixed(1)} | | ${(kafka / orders).toFixed(1)} | |`);
  return rows;
}
