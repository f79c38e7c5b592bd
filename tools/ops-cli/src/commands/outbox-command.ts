import type { Command } from 'commander';
import { createDb, databaseUrlFor } from '@o2c/db';
import { audited } from '../audit/audited';
import { table } from '../cli/output';
import { collect, parseDuration, parsePositiveInt, parseTime } from '../cli/parse';
import { createProgress } from '../cli/progress';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { serviceDatabaseName } from '../contracts';
import { OpsError } from '../errors';
import { planOutboxReplay, type OutboxPlan, type OutboxRequest } from '../outbox/plan-outbox';
import { runOutboxReplay } from '../outbox/run-outbox';
import { scanOutbox } from '../outbox/scan-outbox';
import { dedupeHorizon } from '../replay/dedupe-horizon';
import { recheckHorizon } from '../replay/horizon-guard';
import { completeJob, loadJob, saveJob } from '../replay/job';

interface OutboxOptions {
  service?: string;
  databaseUrl?: string;
  from?: string;
  to: string;
  topic?: string;
  type?: string;
  target?: string;
  rate?: string;
  max?: string;
  id?: string;
  resume?: string;
  dedupeWindow: string;
  consumer: string[];
  force?: boolean;
  execute?: boolean;
}

export function registerOutboxCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('replay-outbox')
    .description(
      "Re-publish a service's retained (published) outbox rows when Kafka lost the data: same " +
        'key, Avro bytes, envelope headers and event id, plus replay-* headers. Dry run unless ' +
        '--execute; resumable with --resume <replay-id> --execute.',
    )
    .option('-s, --service <service>', 'service whose outbox to read (database o2c_<service>)')
    .option('--database-url <url>', "the service's database (default: derived from --service)")
    .option('--from <time>', 'written at or after (ISO-8601 or a duration ago)')
    .option('--to <time>', 'written before', 'now')
    .option('-t, --topic <topic>', 'only rows of this topic')
    .option('--type <eventType>', 'only rows of this event type')
    .option('--target <topic>', "publish here instead of each row's topic")
    .option('--rate <msgs/s>', 'publish at most this many messages per second')
    .option('--max <n>', 'publish at most n rows')
    .option('--id <replay-id>', 'name the replay (default: generated)')
    .option('--resume <replay-id>', 'continue an interrupted outbox replay')
    .option('--dedupe-window <duration>', "consumers' inbox dedupe window", '7d')
    .option(
      '--consumer <service:group>',
      "read this consumer's declared inbox retention instead (repeatable; the strictest wins)",
      collect,
      [],
    )
    .option('--force', 'allow a range older than the dedupe window (also when resuming)')
    .option('--execute', 'publish (audited)')
    .action(runAction(env, (ctx, options: OutboxOptions) => replayOutbox(ctx, options)));
}

async function replayOutbox(ctx: OpsContext, options: OutboxOptions): Promise<void> {
  const rate = options.rate === undefined ? undefined : parsePositiveInt(options.rate, '--rate');
  if (options.resume && !options.execute)
    throw new OpsError('USAGE', '--resume continues an executed replay: add --execute');
  if (!options.resume && (!options.service || !options.from))
    throw new OpsError(
      'USAGE',
      'replay-outbox needs --service and --from (or --resume <replay-id>)',
    );
  if (options.resume || options.execute) {
    const { value, audit } = await audited(ctx, 'replay-outbox', { ...options }, async (opsDb) => {
      const plan = options.resume
        ? await loadJob<OutboxPlan>(opsDb, options.resume, 'outbox')
        : await withServiceDb(ctx, options, async (db) =>
            planOutboxReplay(db, await request(ctx, options)),
          );
      if (options.resume)
        await recheckHorizon(ctx.config.postgresAdminUrl, plan.guard, options.force === true);
      else await saveJob(opsDb, plan, ctx.actor);
      ctx.out.note(
        `outbox replay ${plan.id}: if interrupted, continue with --resume ${plan.id} --execute`,
      );
      const progress = createProgress('replay-outbox', 0, false);
      const result = await withServiceDb(ctx, { databaseUrl: plan.databaseUrl }, (db) =>
        runOutboxReplay(ctx.kafka, db, plan, { progress, ...(rate ? { rate } : {}) }),
      );
      await completeJob(opsDb, plan.id);
      return {
        value: { plan, result },
        counts: { published: result.published, resumed: result.resumed },
        jobId: plan.id,
      };
    });
    ctx.out.result(
      { ok: true, executed: true, replayId: value.plan.id, ...value, audit },
      () =>
        `${value.result.resumed ? 'Resumed and completed' : 'Completed'} ${value.plan.id}: published ` +
        `${value.result.published} (total). Audit #${audit.id}.\n` +
        table(Object.entries(value.result.byTopic), ['TOPIC', 'PUBLISHED_THIS_RUN']),
    );
    return;
  }
  const plan = await withServiceDb(ctx, options, async (db) =>
    planOutboxReplay(db, await request(ctx, options)),
  );
  const scan = await withServiceDb(ctx, options, (db) => scanOutbox(db, plan));
  ctx.out.result({ ok: true, executed: false, replayId: plan.id, plan, dryRun: scan }, () =>
    [
      `DRY RUN: ${scan.selected} outbox row(s) of ${plan.service} would be published`,
      table(Object.entries(scan.byTopic), ['TOPIC', 'ROWS']),
      table(Object.entries(scan.byType), ['EVENT_TYPE', 'ROWS']),
      'Nothing was published. Add --execute to publish.',
    ].join('\n\n'),
  );
}

async function request(ctx: OpsContext, options: OutboxOptions): Promise<OutboxRequest> {
  const dedupeWindowMs = parseDuration(options.dedupeWindow);
  return {
    service: options.service!,
    databaseUrl: databaseUrl(ctx, options),
    from: parseTime(options.from!),
    to: parseTime(options.to),
    horizon: await dedupeHorizon(ctx.config.postgresAdminUrl, options.consumer, dedupeWindowMs),
    guard: { consumers: options.consumer, dedupeWindowMs },
    force: options.force === true,
    ...(options.topic ? { topic: options.topic } : {}),
    ...(options.type ? { eventType: options.type } : {}),
    ...(options.target ? { target: options.target } : {}),
    ...(options.max ? { max: parsePositiveInt(options.max, '--max') } : {}),
    ...(options.id ? { id: options.id } : {}),
  };
}

const databaseUrl = (ctx: OpsContext, o: { service?: string; databaseUrl?: string }): string =>
  o.databaseUrl ??
  databaseUrlFor(ctx.config.postgresAdminUrl, serviceDatabaseName(o.service ?? ''));

async function withServiceDb<T>(
  ctx: OpsContext,
  o: { service?: string; databaseUrl?: string },
  use: (db: ReturnType<typeof createDb>) => Promise<T>,
): Promise<T> {
  const db = createDb(databaseUrl(ctx, o), { poolMax: 2, applicationName: 'o2c-ops' });
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}
