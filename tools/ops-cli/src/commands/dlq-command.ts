import type { Command } from 'commander';
import { table } from '../cli/output';
import { parsePositiveInt } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { readDeadLetters } from '../dlq/dead-letters';
import { listDlqTopics, summarizeDlq, type DlqSummary } from '../dlq/summarize';
import { registerParkedCommands } from './dlq-parked-command';
import { registerRedriveCommand } from './redrive-command';

export function registerDlqCommands(program: Command, env: NodeJS.ProcessEnv): void {
  const dlq = program
    .command('dlq')
    .description(
      'Dead-letter topics (<topic>.dlq.<group>): list, show, redrive, parked keys, discard',
    );
  dlq
    .command('list')
    .description('Dead-letter topics with count, oldest age, attempts and failure reasons')
    .option('-t, --topic <topic>', 'only dead letters of this source topic')
    .option('-g, --group <group>', 'only dead letters of this consumer group')
    .action(runAction(env, list));
  dlq
    .command('show <dlq-topic>')
    .description('Dead letters with key, event, reason, error, attempts, origin and age')
    .option('--offset <n>', 'start at this offset (each partition; default: the oldest)')
    .option('--limit <n>', 'at most n per partition', '20')
    .action(runAction(env, show));
  registerRedriveCommand(dlq, env);
  registerParkedCommands(dlq, env);
}

async function list(ctx: OpsContext, options: { topic?: string; group?: string }): Promise<void> {
  const topics = await listDlqTopics(ctx, options);
  const summaries: DlqSummary[] = [];
  for (const topic of topics) summaries.push(await summarizeDlq(ctx, topic));
  ctx.out.result({ ok: true, dlqs: summaries }, () =>
    summaries.length === 0
      ? 'no dead-letter topics'
      : table(
          summaries.map((s) => [
            s.topic,
            s.count,
            s.oldestAgeSeconds,
            s.maxAttempts,
            Object.entries(s.reasons)
              .map(([reason, n]) => `${reason} ×${n}`)
              .join(', '),
          ]),
          ['DLQ_TOPIC', 'COUNT', 'OLDEST_AGE_S', 'MAX_ATTEMPTS', 'REASONS'],
        ),
  );
}

async function show(
  ctx: OpsContext,
  topic: string,
  options: { offset?: string; limit: string },
): Promise<void> {
  const letters = await readDeadLetters(ctx.kafka, ctx, topic, {
    ...(options.offset !== undefined ? { from: Number(options.offset) } : {}),
    limit: parsePositiveInt(options.limit, '--limit'),
  });
  ctx.out.result({ ok: true, topic, deadLetters: letters }, () =>
    letters.length === 0
      ? `no dead letters in ${topic}`
      : table(
          letters.map((l) => [
            l.partition,
            l.offset,
            l.key,
            l.eventType,
            l.reason,
            `${l.errorClass ?? '?'}: ${(l.errorMessage ?? '').slice(0, 60)}`,
            l.attempts,
            l.ageSeconds,
            l.origin,
          ]),
          ['P', 'OFFSET', 'KEY', 'EVENT_TYPE', 'REASON', 'ERROR', 'ATTEMPTS', 'AGE_S', 'ORIGIN'],
        ),
  );
}
