import type { Command } from 'commander';
import { table } from '../cli/output';
import { createProgress } from '../cli/progress';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import { groupLag, listGroupIds, type GroupLag } from './lag';

export function registerLagCommands(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('groups')
    .description('List consumer groups with state, members and total lag (messages and seconds)')
    .option(
      '-p, --prefix <prefix>',
      'only groups whose id starts with this (a service, an environment)',
    )
    .action(runAction(env, (ctx, options: { prefix?: string }) => showGroups(ctx, options.prefix)));
  program
    .command('lag')
    .description('Per-partition lag of consumer groups: messages (log-end − committed) and seconds')
    .option('-g, --group <group>', 'one group (default: every group)')
    .option('-p, --prefix <prefix>', 'only groups whose id starts with this')
    .action(
      runAction(env, (ctx, options: { group?: string; prefix?: string }) =>
        showLag(ctx, options.group, options.prefix),
      ),
    );
}

async function showGroups(ctx: OpsContext, prefix: string | undefined): Promise<void> {
  const lags = await allLags(ctx, prefix);
  ctx.out.result({ ok: true, groups: lags.map(({ partitions: _, ...group }) => group) }, () =>
    lags.length === 0
      ? 'no consumer groups'
      : table(
          lags.map((g) => [g.groupId, g.state, g.members, g.totalLag, g.maxLagSeconds]),
          ['GROUP', 'STATE', 'MEMBERS', 'LAG', 'LAG_SECONDS'],
        ),
  );
}

async function showLag(
  ctx: OpsContext,
  groupId: string | undefined,
  prefix: string | undefined,
): Promise<void> {
  const lags = groupId ? [await groupLag(ctx, groupId)] : await allLags(ctx, prefix);
  const [only] = lags;
  if (groupId && only?.state === 'Dead' && only.partitions.length === 0)
    throw new OpsError(
      'NOT_FOUND',
      `no consumer group '${groupId}' (no members, no committed offsets)`,
    );
  ctx.out.result({ ok: true, groups: lags }, () =>
    lags
      .map(
        (g) =>
          `${g.groupId} (${g.state}, ${g.members} members): lag ${g.totalLag} messages, ` +
          `${g.maxLagSeconds ?? '?'} s\n` +
          table(
            g.partitions.map((p) => [
              p.topic,
              p.partition,
              p.committed,
              p.logEnd,
              p.lag,
              p.lagSeconds,
            ]),
            ['TOPIC', 'PARTITION', 'COMMITTED', 'LOG_END', 'LAG', 'LAG_SECONDS'],
          ),
      )
      .join('\n\n'),
  );
}

/**
 * Every group's lag reads one message per lagging partition, which mostly waits on the broker:
 * eight groups at a time, with a progress bar. Filter with --prefix on a busy cluster.
 */
async function allLags(ctx: OpsContext, prefix = ''): Promise<GroupLag[]> {
  const ids = (await listGroupIds(await ctx.admin())).filter((id) => id.startsWith(prefix));
  const progress = createProgress('groups', ids.length, ctx.progress);
  const lags = new Array<GroupLag>(ids.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      lags[i] = await groupLag(ctx, ids[i]!);
      progress.increment(1);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
  } finally {
    progress.stop();
  }
  return lags;
}
