import type { Command } from 'commander';
import { defaultDedupeWindowMs } from '../contracts';
import {
  collect,
  parseDuration,
  parseHeaderPredicate,
  parsePositiveInt,
  parseTime,
} from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import { describePlan, describeResult, describeScan } from '../replay/format';
import { dryRunJob, executeJob } from '../replay/job-actions';
import { dedupeHorizon } from '../replay/dedupe-horizon';
import { recheckHorizon } from '../replay/horizon-guard';
import { planReplay } from '../replay/plan-replay';

interface ReplayOptions {
  topic?: string;
  from?: string;
  to: string;
  target?: string;
  key: string[];
  type: string[];
  header: string[];
  rate?: string;
  max?: string;
  id?: string;
  resume?: string;
  allowReplayed?: boolean;
  dedupeWindow: string;
  consumer: string[];
  force?: boolean;
  execute?: boolean;
}

export function registerReplayCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('replay')
    .description(
      'Re-publish a time range of a topic (key, value bytes, headers and event id preserved; ' +
        'replay-id, replay-origin and replay-count added). Dry run unless --execute. Resumable: ' +
        'a killed run continues with --resume <replay-id> --execute, with no gap and no duplicate ' +
        'for read_committed consumers.',
    )
    .option('-t, --topic <topic>', 'source topic')
    .option('--from <time>', "start of the range: ISO-8601, or a duration ago ('2h')")
    .option('--to <time>', 'end of the range (exclusive)', 'now')
    .option('--target <topic>', 'topic to publish to (may be the source topic)')
    .option('-k, --key <key>', 'only this key (repeatable)', collect, [])
    .option('--type <eventType>', 'only this event type (repeatable)', collect, [])
    .option('--header <k=v>', 'only messages with this header value (repeatable)', collect, [])
    .option('--rate <msgs/s>', 'publish at most this many messages per second (token bucket)')
    .option('--max <n>', 'publish at most n messages')
    .option('--id <replay-id>', 'name the replay (default: generated)')
    .option('--resume <replay-id>', 'continue an interrupted replay from its checkpoint')
    .option('--allow-replayed', 're-publish messages that already carry a replay-id header')
    .option('--dedupe-window <duration>', "consumers' inbox dedupe window", '7d')
    .option(
      '--consumer <service:group>',
      "read this consumer's declared inbox retention instead (repeatable; the strictest wins)",
      collect,
      [],
    )
    .option('--force', 'allow a range older than the dedupe window (also when resuming)')
    .option('--execute', 'publish (audited); without it, only count what would be published')
    .action(runAction(env, replay));
}

async function replay(ctx: OpsContext, options: ReplayOptions): Promise<void> {
  const rate = options.rate === undefined ? undefined : parsePositiveInt(options.rate, '--rate');
  if (options.resume) {
    if (!options.execute)
      throw new OpsError('USAGE', '--resume continues an executed replay: add --execute');
    const run = await executeJob(
      ctx,
      'replay',
      { ...options },
      { resume: options.resume, kind: 'replay' },
      rate,
      (plan) => recheckHorizon(ctx.config.postgresAdminUrl, plan.guard, options.force === true),
    );
    ctx.out.result({ ok: true, executed: true, replayId: run.plan.id, ...run }, () =>
      describeResult(run.result, run.audit.id),
    );
    return;
  }
  if (!options.topic || !options.from || !options.target)
    throw new OpsError(
      'USAGE',
      'replay needs --topic, --from and --target (or --resume <replay-id>)',
    );
  const dedupeWindowMs = options.dedupeWindow
    ? parseDuration(options.dedupeWindow)
    : defaultDedupeWindowMs;
  const plan = await planReplay(await ctx.admin(), {
    topic: options.topic,
    from: parseTime(options.from),
    to: parseTime(options.to),
    target: options.target,
    keys: options.key,
    types: options.type,
    headers: options.header.map(parseHeaderPredicate),
    allowReplayed: options.allowReplayed === true,
    ...(options.max !== undefined ? { max: parsePositiveInt(options.max, '--max') } : {}),
    ...(options.id !== undefined ? { id: options.id } : {}),
    horizon: await dedupeHorizon(ctx.config.postgresAdminUrl, options.consumer, dedupeWindowMs),
    guard: { consumers: options.consumer, dedupeWindowMs },
    force: options.force === true,
  });
  if (!options.execute) {
    const report = await dryRunJob(ctx, plan);
    ctx.out.result(
      { ok: true, executed: false, replayId: plan.id, plan, dryRun: report },
      () => `${describePlan(plan)}\n\n${describeScan(report)}`,
    );
    return;
  }
  const run = await executeJob(ctx, 'replay', { ...options }, { plan }, rate);
  ctx.out.result(
    { ok: true, executed: true, replayId: plan.id, ...run },
    () => `${describePlan(plan)}\n\n${describeResult(run.result, run.audit.id)}`,
  );
}
