import type { Command } from 'commander';
import { audited } from '../audit/audited';
import { table } from '../cli/output';
import { parseDuration, parseOffsetTarget } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { dedupeHorizon } from '../replay/dedupe-horizon';
import { assertInactive, executeRewind, planRewind, type RewindPlan } from './rewind';

interface RewindOptions {
  group: string;
  topic: string;
  to: string;
  service?: string;
  dedupeWindow: string;
  force?: boolean;
  execute?: boolean;
}

export function registerRewindCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('rewind')
    .description(
      'Move a consumer group to a time or offset on one topic. Prints the plan; changes ' +
        'nothing without --execute. Refused while the group has active members.',
    )
    .requiredOption('-g, --group <group>', 'consumer group')
    .requiredOption('-t, --topic <topic>', 'topic')
    .requiredOption(
      '--to <target>',
      "ISO time (or '2h' ago), 'offset N' / N, 'earliest' or 'latest' (offsets are clamped to the log)",
    )
    .option(
      '-s, --service <service>',
      "the group's service: its declared inbox retention sets the dedupe horizon",
    )
    .option(
      '--dedupe-window <duration>',
      "the group's inbox dedupe window, without --service",
      '7d',
    )
    .option('--force', 're-deliver events older than the dedupe horizon (applied again)')
    .option('--execute', 'apply the plan (audited)')
    .action(runAction(env, rewind));
}

async function rewind(ctx: OpsContext, options: RewindOptions): Promise<void> {
  const plan = await planRewind(ctx, {
    groupId: options.group,
    topic: options.topic,
    to: parseOffsetTarget(options.to),
    toText: options.to,
    horizon: await dedupeHorizon(
      ctx.config.postgresAdminUrl,
      options.service ? [`${options.service}:${options.group}`] : [],
      parseDuration(options.dedupeWindow),
    ),
    force: options.force === true,
  });
  if (!options.execute) {
    ctx.out.result(
      { ok: true, executed: false, plan },
      () => `${describe(plan)}\n\nDry run: nothing changed. Add --execute to apply.`,
    );
    return;
  }
  assertInactive(plan.group);
  const { audit } = await audited(ctx, 'rewind', { ...options }, async () => {
    await executeRewind(ctx, plan);
    return {
      value: undefined,
      counts: { partitions: plan.partitions.length, redelivered: plan.totalRedelivered },
    };
  });
  ctx.out.result(
    { ok: true, executed: true, plan, audit },
    () => `${describe(plan)}\n\nApplied (audit #${audit.id}).`,
  );
}

function describe(plan: RewindPlan): string {
  const { group } = plan;
  return (
    `Rewind group ${group.groupId} (${group.state}, ${group.members} members) on ${plan.topic} to ${plan.to}: ` +
    `${plan.totalRedelivered} message(s) to be re-delivered, the oldest from ` +
    `${plan.oldestRedelivered ?? '-'} (dedupe horizon ${plan.horizon.at}, ${plan.horizon.source})\n` +
    table(
      plan.partitions.map((p) => [p.partition, p.current, p.target, p.redelivered]),
      ['PARTITION', 'CURRENT', 'TARGET', 'REDELIVERED'],
    )
  );
}
