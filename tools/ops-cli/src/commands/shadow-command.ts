import type { Command } from 'commander';
import { createDb } from '@o2c/db';
import { parseDuration } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { describeShadowReport } from '../shadow/format-shadow';
import { readiness, readShadowReport } from '../shadow/read-shadow';

interface ReportOptions {
  channel?: string;
  since: string;
}

/** Runs `use` with odoo-adapter's database (ODOO_ADAPTER_DATABASE_URL, else derived). */
export async function withAdapterDb<T>(
  ctx: OpsContext,
  use: (db: ReturnType<typeof createDb>) => Promise<T>,
): Promise<T> {
  const url = ctx.config.serviceDatabaseUrls['odoo-adapter'];
  const db = createDb(url, { poolMax: 2, applicationName: 'o2c-ops' });
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

export function registerShadowCommands(program: Command, env: NodeJS.ProcessEnv): void {
  const shadow = program
    .command('shadow')
    .description(
      "odoo-adapter's shadow mode (writes off per channel, compared with the existing integration)",
    );
  shadow
    .command('report')
    .description(
      'Per channel and flow: comparisons settled (matched, diverged), pending and skipped; every ' +
        'divergence (kind, order, SKU, expected vs actual); a readiness line per channel. Read-only.',
    )
    .option('-c, --channel <code>', 'only this channel')
    .option('--since <duration>', 'comparisons of the last <duration> (30m, 24h, 7d)', '24h')
    .action(runAction(env, (ctx, options: ReportOptions) => report(ctx, options)));
}

async function report(ctx: OpsContext, options: ReportOptions): Promise<void> {
  const sinceMs = Date.now() - parseDuration(options.since);
  const reports = await withAdapterDb(ctx, (db) =>
    readShadowReport(db, { sinceMs, ...(options.channel ? { channel: options.channel } : {}) }),
  );
  ctx.out.result(
    {
      ok: true,
      since: new Date(sinceMs).toISOString(),
      channels: reports.map((r) => ({ ...r, readiness: readiness(r, options.since) })),
    },
    () => describeShadowReport(reports, options.since),
  );
}
