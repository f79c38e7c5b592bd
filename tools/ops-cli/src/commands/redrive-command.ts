import type { Command } from 'commander';
import { collect, parseDuration, parseHeaderPredicate, parsePositiveInt } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { planRedrive } from '../dlq/plan-redrive';
import { OpsError } from '../errors';
import { describePlan, describeResult, describeScan } from '../replay/format';
import { dryRunJob, executeJob } from '../replay/job-actions';

interface RedriveOptions {
  key: string[];
  type: string[];
  header: string[];
  reason?: string;
  olderThan?: string;
  rate?: string;
  max?: string;
  id?: string;
  resume?: string;
  execute?: boolean;
}

export function registerRedriveCommand(dlq: Command, env: NodeJS.ProcessEnv): void {
  dlq
    .command('redrive [dlq-topic]')
    .description(
      'Send selected dead letters back to their source topic (dlq-origin-topic header) after a ' +
        'fix, without the dlq-* headers and with redrive-id/-origin/-count added; one copy per ' +
        'origin offset. Letters parked behind a selected one (dlq-parked-behind) come along, in ' +
        'order. Dry run unless --execute; resumable with --resume <redrive-id> --execute.',
    )
    .option('-k, --key <key>', 'only this key (repeatable)', collect, [])
    .option('--type <eventType>', 'only this event type (repeatable)', collect, [])
    .option('--header <k=v>', 'only dead letters with this header value (repeatable)', collect, [])
    .option('--reason <regex>', "match '<reason> <error class>: <error message>'")
    .option(
      '--older-than <duration>',
      'only dead letters that failed longer ago than this (30m, 2h)',
    )
    .option('--rate <msgs/s>', 'publish at most this many messages per second')
    .option('--max <n>', 'redrive at most n dead letters')
    .option('--id <redrive-id>', 'name the redrive (default: generated)')
    .option('--resume <redrive-id>', 'continue an interrupted redrive from its checkpoint')
    .option('--execute', 'publish (audited); without it, only count what would be redriven')
    .action(runAction(env, redrive));
}

async function redrive(
  ctx: OpsContext,
  dlqTopic: string | undefined,
  options: RedriveOptions,
): Promise<void> {
  const rate = options.rate === undefined ? undefined : parsePositiveInt(options.rate, '--rate');
  if (options.resume) {
    if (!options.execute)
      throw new OpsError('USAGE', '--resume continues an executed redrive: add --execute');
    const run = await executeJob(
      ctx,
      'dlq redrive',
      { ...options },
      { resume: options.resume, kind: 'redrive' },
      rate,
    );
    ctx.out.result({ ok: true, executed: true, redriveId: run.plan.id, ...run }, () =>
      describeResult(run.result, run.audit.id),
    );
    return;
  }
  if (!dlqTopic)
    throw new OpsError('USAGE', 'dlq redrive needs a <dlq-topic> (or --resume <redrive-id>)');
  const plan = await planRedrive(await ctx.admin(), {
    dlqTopic,
    keys: options.key,
    types: options.type,
    headers: options.header.map(parseHeaderPredicate),
    ...(options.reason !== undefined ? { reason: options.reason } : {}),
    ...(options.olderThan !== undefined ? { olderThanMs: parseDuration(options.olderThan) } : {}),
    ...(options.max !== undefined ? { max: parsePositiveInt(options.max, '--max') } : {}),
    ...(options.id !== undefined ? { id: options.id } : {}),
  });
  if (!options.execute) {
    const report = await dryRunJob(ctx, plan);
    ctx.out.result(
      { ok: true, executed: false, redriveId: plan.id, plan, dryRun: report },
      () => `${describePlan(plan)}\n\n${describeScan(report)}`,
    );
    return;
  }
  const run = await executeJob(ctx, 'dlq redrive', { dlqTopic, ...options }, { plan }, rate);
  ctx.out.result(
    { ok: true, executed: true, redriveId: plan.id, ...run },
    () => `${describePlan(plan)}\n\n${describeResult(run.result, run.audit.id)}`,
  );
}
