import type { Command } from 'commander';
import { recentAudit } from '../audit/audited';
import { openOpsDb } from '../audit/ops-db';
import { table } from '../cli/output';
import { parsePositiveInt } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';

export function registerAuditCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('audit')
    .description(
      "Executed actions (who, when, what, result, counts) from the o2c_ops audit log; 'running' = killed or in progress",
    )
    .option('--limit <n>', 'how many, newest first', '20')
    .action(runAction(env, (ctx, options: { limit: string }) => showAudit(ctx, options.limit)));
}

async function showAudit(ctx: OpsContext, limit: string): Promise<void> {
  const db = await openOpsDb(ctx.config.opsDatabaseUrl);
  try {
    const records = await recentAudit(db, parsePositiveInt(limit, '--limit'));
    ctx.out.result({ ok: true, audit: records }, () =>
      table(
        records.map((r) => [r.id, r.startedAt, r.actor, r.command, r.result, r.counts, r.error]),
        ['ID', 'STARTED', 'ACTOR', 'COMMAND', 'RESULT', 'COUNTS', 'ERROR'],
      ),
    );
  } finally {
    await db.destroy();
  }
}
