/**
 * npm run bench:flow-watch [-- --seeds 100]: the detector (default settings: 1-minute buckets,
 * 10-minute windows, z = 5, four weeks of seasonal history) over one replayed week per seed and
 * channel of synthetic Poisson traffic (test/traffic.ts): false alarms over every judged window of
 * a normal week, and how long after an EDI gateway goes silent on Tuesday 10:00 it is flagged.
 */
import { parseArgs } from 'node:util';
import { replayWeek, TEST_WEEK, WINDOWS_PER_WEEK } from '../test/replay-week';
import { DAY, MINUTE, minuteCounts, rates } from '../test/traffic';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '100' } } });
const seeds = Number(values.seeds);
const silentFrom = TEST_WEEK + DAY + 10 * 60 * MINUTE;
const silenced = (counts: number[]) =>
  counts.map((c, i) => (i >= (silentFrom - TEST_WEEK) / MINUTE + 4 * 7 * 1440 ? 0 : c));

const falseAlarms: string[] = [];
let windows = 0;
const delays: number[] = [];
const started = performance.now();
for (let seed = 1; seed <= seeds; seed++) {
  for (const [name, rate] of Object.entries(rates)) {
    const counts = minuteCounts(rate, 5, seed * 31 + name.length);
    for (const f of replayWeek(counts).filter((x) => x.kind === 'open'))
      falseAlarms.push(`${name} seed ${seed}: ${f.direction} at ${new Date(f.at).toISOString()}`);
    windows += WINDOWS_PER_WEEK;
    if (name !== 'edi') continue;
    const flagged = replayWeek(silenced(counts)).find(
      (f) => f.kind === 'open' && f.direction === 'LOW' && f.at > silentFrom,
    );
    if (flagged) delays.push((flagged.at - silentFrom) / MINUTE);
  }
}
delays.sort((a, b) => a - b);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${seeds} seeds × ${Object.keys(rates).length} channels: ${windows.toLocaleString('en')} windows of normal weeks judged, false alarms: ${falseAlarms.length}`,
);
for (const alarm of falseAlarms) console.log(`  ${alarm}`);
console.log(
  `EDI silent from Tuesday 10:00: flagged in ${delays.length} of ${seeds} weeks, ` +
    `after ${delays[0]} to ${delays.at(-1)} min (median ${delays[Math.floor(delays.length / 2)]} min)`,
);
console.log(`(${seconds} s)`);
