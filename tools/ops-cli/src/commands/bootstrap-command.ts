import { createOdooClient } from '@o2c/odoo-client';
import type { Command } from 'commander';
import { audited } from '../audit/audited';
import { parsePositiveInt, parseTime } from '../cli/parse';
import { createProgress } from '../cli/progress';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import { describePlan, describeResults, summarize } from '../bootstrap/format-bootstrap';
import { planImport } from '../bootstrap/plan-import';
import { postImports, type ImportRequest, type ImportResult } from '../bootstrap/post-imports';
import { countSaleOrders, readSaleOrders } from '../bootstrap/read-sale-orders';

interface BootstrapOptions {
  channel: string;
  since?: string;
  batch: string;
  orderIntakeUrl: string;
  execute?: boolean;
  reason?: string;
}

export function registerBootstrapCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('bootstrap')
    .description(
      "Import Odoo's open sale orders (confirmed, not yet delivered, invoiced or paid) as platform " +
        'orders in the state Odoo holds them: stock held for what is undelivered, shipped what ' +
        'Odoo delivered, invoiced what it posted. Nothing is written to Odoo, and Odoo keeps being ' +
        'written for these orders by the path that made them. Master data and stock positions come ' +
        "from odoo-adapter's feeds: start the platform against Odoo and let them catch up first. " +
        'Idempotent and resumable: a sale order already imported is a duplicate, or is refreshed ' +
        'when Odoo has moved it on (delivered, invoiced, closed) or cancelled when Odoo cancelled ' +
        'it: run it again until none is open. ' +
        'Dry run unless ' +
        '--execute (audited); lists every sale order it cannot map and why (exit code 1).',
    )
    .option('--channel <code>', 'the channel imported orders belong to', 'odoo-import')
    .option('--since <time>', 'only sale orders dated from then on (ISO time or a duration ago)')
    .option('--batch <n>', 'orders per request to order-intake (at most 100)', '50')
    .option(
      '--order-intake-url <url>',
      'order-intake',
      env.ORDER_INTAKE_URL ?? 'http://127.0.0.1:3001',
    )
    .option('--execute', 'import (audited)')
    .option('--reason <text>', 'why, kept in the audit log')
    .action(runAction(env, (ctx, options: BootstrapOptions) => bootstrap(ctx, options)));
}

async function bootstrap(ctx: OpsContext, o: BootstrapOptions): Promise<void> {
  const batch = parsePositiveInt(o.batch, '--batch');
  if (batch > 100) throw new OpsError('USAGE', `--batch is at most 100, got ${batch}`);
  const sinceMs = o.since === undefined ? undefined : parseTime(o.since);
  const conn = ctx.config.odoo;
  const odoo = createOdooClient({
    url: conn.url,
    db: conn.db,
    login: conn.login,
    apiKey: conn.apiKey,
    transport: conn.transport,
    timeoutMs: Math.max(conn.timeoutMs, 60_000),
  });
  ctx.out.note(`reading sale orders from Odoo at ${conn.url}…`);
  let bar: ReturnType<typeof createProgress> | undefined;
  let seen = 0;
  const [counts, orders] = await Promise.all([
    countSaleOrders(odoo, sinceMs),
    readSaleOrders(odoo, {
      customerKey: conn.customerKey,
      ...(sinceMs === undefined ? {} : { sinceMs }),
      onChunk: (read, total) => {
        bar ??= createProgress('read', total, ctx.progress);
        bar.increment(read - seen);
        seen = read;
      },
    }),
  ]).catch((error: unknown) => {
    throw new OpsError('FAILED', `Odoo could not be read at ${conn.url}`, { cause: error });
  });
  bar?.stop();
  const plan = planImport(orders, { channelCode: o.channel, uomMap: conn.uomMap });
  const summary = summarize(plan);
  if (!o.execute) {
    ctx.out.result({ ok: true, executed: false, odoo: counts, plan: summary }, () =>
      [
        describePlan(counts, plan),
        'DRY RUN: nothing was imported. order-intake also checks master data, and refreshes the ' +
          'orders it imported before instead of importing them again. Add --execute to import.',
      ].join('\n\n'),
    );
    return;
  }
  const { value: results, audit } = await audited(
    ctx,
    'bootstrap',
    { channel: o.channel, since: o.since ?? null, reason: o.reason ?? null },
    async () => {
      const requests = [
        ...plan.candidates,
        ...plan.refreshes.map((r) => ({ ...r, refreshOnly: true })),
        ...plan.cancellations.map((r) => ({ ...r, refreshOnly: true, cancelledInOdoo: true })),
      ];
      const results = await importAll(ctx, o, requests, batch);
      const outcomes = (k: ImportResult['outcome']) =>
        results.filter((r) => r.outcome === k).length;
      return {
        value: results,
        counts: {
          imported: outcomes('imported'),
          refreshed: outcomes('refreshed'),
          cancelled: outcomes('cancelled'),
          duplicate: outcomes('duplicate'),
          unmappable:
            outcomes('unmappable') + new Set(plan.unmappable.map((u) => u.saleOrder)).size,
        },
      };
    },
  );
  const complete = plan.unmappable.length === 0 && results.every((r) => r.outcome !== 'unmappable');
  ctx.out.result(
    { ok: complete, executed: true, odoo: counts, plan: summary, results, audit },
    () =>
      [describePlan(counts, plan), describeResults(results), `Audit #${audit.id}.`].join('\n\n'),
  );
  if (!complete) process.exitCode = 1;
}

async function importAll(
  ctx: OpsContext,
  o: BootstrapOptions,
  candidates: readonly ImportRequest[],
  batch: number,
): Promise<ImportResult[]> {
  const progress = createProgress('import', candidates.length, ctx.progress);
  const results: ImportResult[] = [];
  try {
    for (let i = 0; i < candidates.length; i += batch) {
      const chunk = candidates.slice(i, i + batch);
      results.push(...(await postImports(o.orderIntakeUrl, ctx.config.apiKey, chunk)));
      progress.increment(chunk.length);
    }
  } finally {
    progress.stop();
  }
  return results;
}
