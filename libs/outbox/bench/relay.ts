// Benchmark of the outbox relay against a plain kafkajs producer, in the same run:
//   npm run bench:relay -- [--events 50000] [--batch 1000] [--rate 1000] [--seconds 10]
import { Command } from 'commander';
import { rawLatency, relayLatency } from './latency';
import type { PhaseTotals } from './phases';
import { createBenchEnv } from './setup';
import { rawThroughput, relayThroughput } from './throughput';

const options = new Command()
  .option('--events <n>', 'events pre-inserted for the throughput run', '50000')
  .option('--batch <n>', 'relay batch size (and raw producer batch size)', '1000')
  .option('--rate <n>', 'events per second in the latency run', '1000')
  .option('--seconds <n>', 'duration of each latency run', '10')
  .option('--per-trx <n>', 'events per business transaction (or raw send) in the latency run', '5')
  .option('--brokers <list>', 'Kafka brokers', '127.0.0.1:9092')
  .option('--registry <url>', 'schema registry', 'http://127.0.0.1:8081/apis/ccompat/v7')
  .option('--postgres <url>', 'Postgres admin URL', 'postgres://postgres@127.0.0.1:5432/postgres')
  .parse()
  .opts<Record<string, string>>();

const num = (name: string) => Number(options[name]);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const env = await createBenchEnv({
    brokers: options.brokers!.split(','),
    registryUrl: options.registry!,
    postgresAdminUrl: options.postgres!,
  });
  try {
    const events = num('events');
    const batch = num('batch');
    process.stdout.write(`throughput: ${fmt(events)} events, batch ${batch}…\n`);
    const relay = await relayThroughput(env, events, batch);
    const raw = await rawThroughput(env, events, batch);
    process.stdout.write(
      `  relay ${fmt(relay.eventsPerSecond)} events/s, raw ${fmt(raw.eventsPerSecond)} events/s\n`,
    );
    process.stdout.write(
      `latency: ${num('rate')} events/s, ${num('perTrx')} per transaction, ${num('seconds')} s each…\n`,
    );
    const relayLat = await relayLatency(env, num('seconds'), num('rate'), num('perTrx'));
    const rawLat = await rawLatency(env, num('seconds'), num('rate'), num('perTrx'));

    const rows = [
      ['measure', 'relay (outbox, EOS)', 'raw kafkajs (idempotent)', 'relay/raw'],
      [
        `throughput, events/s (${fmt(relay.bytesPerEvent)} B Avro)`,
        fmt(relay.eventsPerSecond),
        fmt(raw.eventsPerSecond),
        fmt(relay.eventsPerSecond / raw.eventsPerSecond, 2),
      ],
      [
        'latency p50 ms (commit|send → consumer)',
        fmt(relayLat.p50, 1),
        fmt(rawLat.p50, 1),
        fmt(relayLat.p50 / rawLat.p50, 2),
      ],
      [
        'latency p99 ms',
        fmt(relayLat.p99, 1),
        fmt(rawLat.p99, 1),
        fmt(relayLat.p99 / rawLat.p99, 2),
      ],
      ['failed transactions / sends', String(relayLat.failed), String(rawLat.failed), ''],
      ['latency max ms', fmt(relayLat.max, 1), fmt(rawLat.max, 1), ''],
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows)
      process.stdout.write(`| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |\n`);

    process.stdout.write(
      `\nappend (not timed above): ${fmt(relay.insertPerSecond)} events/s in transactions of 500\n`,
    );
    const printPhases = (title: string, phases: PhaseTotals = {}) => {
      process.stdout.write(`${title}:\n`);
      for (const [phase, { seconds, batches }] of Object.entries(phases)) {
        const each = fmt((seconds / batches) * 1000, 1);
        process.stdout.write(
          `  ${phase.padEnd(16)} ${each} ms avg × ${fmt(batches)} = ${fmt(seconds, 2)} s\n`,
        );
      }
    };
    printPhases('relay phases per batch, throughput run (read overlaps publish)', relay.phases);
    printPhases('relay phases per batch, latency run', relayLat.phases);
  } finally {
    await env.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
