import type { Command } from 'commander';
import { listBlockedKeys, releaseKey } from '@o2c/inbox';
import { audited } from '../audit/audited';
import { table } from '../cli/output';
import { parsePositiveInt } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { DlqHeaders, parseDlqTopic } from '../contracts';
import { planRedrive } from '../dlq/plan-redrive';
import { withServiceDb, type ServiceDbOptions } from '../dlq/service-db';
import { OpsError } from '../errors';
import { describePlan, describeResult, describeScan } from '../replay/format';
import { dryRunJob, executeJob } from '../replay/job-actions';

const serviceOptions = (command: Command) =>
  command
    .option('-s, --service <service>', "the consumer's service (database o2c_<service>)")
    .option('--database-url <url>', "the service's database (default: derived from --service)");

/** `dlq parked` and `dlq discard`: keys waiting behind a dead letter (libs/inbox keepKeyOrder). */
export function registerParkedCommands(dlq: Command, env: NodeJS.ProcessEnv): void {
  serviceOptions(
    dlq
      .command('parked')
      .description(
        'Keys waiting behind a dead letter (read from the service database): key, head event, ' +
          'how many events are parked behind it, since when. Redriving the head releases its key.',
      )
      .option('-g, --group <group>', 'only this consumer group'),
  ).action(runAction(env, parked));
  serviceOptions(
    dlq
      .command('discard <dlq-topic>')
      .description(
        'Give up on a dead letter that blocks its key: release the key in the service database ' +
          'and redrive the events parked behind it, in order. Dry run unless --execute.',
      )
      .requiredOption('--event-id <id>', 'event id of the dead letter (head) to discard')
      .option('--rate <msgs/s>', 'publish at most this many messages per second')
      .option(
        '--execute',
        'release and redrive (audited); without it, only show what would happen',
      ),
  ).action(runAction(env, discard));
}

async function parked(
  ctx: OpsContext,
  options: ServiceDbOptions & { group?: string },
): Promise<void> {
  const keys = await withServiceDb(ctx, options, (db) => listBlockedKeys(db, options.group));
  ctx.out.result({ ok: true, blockedKeys: keys }, () =>
    keys.length === 0
      ? 'no key waits behind a dead letter'
      : table(
          keys.map((k) => [
            k.groupId,
            k.topic,
            k.messageKey,
            k.headEventId,
            k.headOrigin,
            k.parked,
            k.since.toISOString(),
          ]),
          ['GROUP', 'TOPIC', 'KEY', 'HEAD_EVENT', 'HEAD_ORIGIN', 'PARKED', 'SINCE'],
        ),
  );
}

interface DiscardOptions extends ServiceDbOptions {
  eventId: string;
  rate?: string;
  execute?: boolean;
}

async function discard(ctx: OpsContext, dlqTopic: string, options: DiscardOptions) {
  const parsed = parseDlqTopic(dlqTopic);
  if (!parsed) throw new OpsError('USAGE', `'${dlqTopic}' is not a dead-letter topic`);
  const rate = options.rate === undefined ? undefined : parsePositiveInt(options.rate, '--rate');
  const head = options.eventId;
  const blocked = await withServiceDb(ctx, options, (db) => listBlockedKeys(db, parsed.group));
  const block = blocked.find((k) => k.topic === parsed.topic && k.headEventId === head);
  if (!block)
    throw new OpsError(
      'NOT_FOUND',
      `no key of ${parsed.group} on ${parsed.topic} waits behind ${head}`,
    );
  const plan = await planRedrive(await ctx.admin(), {
    dlqTopic,
    keys: [],
    types: [],
    headers: [[DlqHeaders.parkedBehind, head]],
  });
  if (!options.execute) {
    const report = await dryRunJob(ctx, plan);
    ctx.out.result(
      { ok: true, executed: false, block, redriveId: plan.id, plan, dryRun: report },
      () =>
        `would release key ${block.messageKey} (head ${head}, ${block.parked} parked)\n\n` +
        `${describePlan(plan)}\n\n${describeScan(report)}`,
    );
    return;
  }
  // Release first: redriven before it, the parked events would only be parked again.
  const release = await audited(ctx, 'dlq discard', { dlqTopic, ...options }, async () => {
    const rows = await withServiceDb(ctx, options, (db) =>
      releaseKey(db, { groupId: parsed.group, topic: parsed.topic, headEventId: head }),
    );
    return { value: rows, counts: { released: rows } };
  });
  const run = await executeJob(
    ctx,
    'dlq redrive',
    { dlqTopic, parkedBehind: head },
    { plan },
    rate,
  );
  ctx.out.result(
    { ok: true, executed: true, block, released: release.value, redriveId: plan.id, ...run },
    () =>
      `released key ${block.messageKey} (${release.value} rows, audit ${release.audit.id})\n\n` +
      `${describePlan(plan)}\n\n${describeResult(run.result, run.audit.id)}`,
  );
}
