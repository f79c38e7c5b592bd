import { databaseUrlFor } from '@o2c/db';
import { listBlockedKeys, releaseKey, type BlockedKey } from '@o2c/inbox';
import { Client } from 'pg';
import type { OpsContext } from '../context';
import { DlqHeaders, parseDlqTopic, serviceDatabaseName } from '../contracts';
import { planRedrive } from '../dlq/plan-redrive';
import { withServiceDb } from '../dlq/service-db';
import type { JobPlan } from '../replay/job';
import { dryRunJob, executeJob, type ExecutedJob } from '../replay/job-actions';
import type { ScanReport } from '../replay/scan';
import type { Failure } from './types';

/** A key blocked behind one of the letters given up on: released, its parked events redriven. */
export interface KeyRelease {
  service: string;
  block: BlockedKey;
  plan: JobPlan;
  dryRun: ScanReport;
}

/**
 * What giving up on a group's letters does beyond recording it, as `dlq discard` does per head:
 * the keys blocked behind them (read from the consumer's service database) are released and
 * the events parked behind them redriven, in order. A database that does not answer is a warning.
 */
export async function planReleases(
  ctx: OpsContext,
  letters: readonly Failure[],
  warnings: string[],
): Promise<KeyRelease[]> {
  const releases: KeyRelease[] = [];
  const byTopic = new Map<string, Failure[]>();
  for (const f of letters)
    if (f.dlqTopic !== null) byTopic.set(f.dlqTopic, [...(byTopic.get(f.dlqTopic) ?? []), f]);
  for (const [dlqTopic, list] of byTopic) {
    const { topic, group } = parseDlqTopic(dlqTopic)!;
    const service = list[0]!.service;
    const heads = new Set(list.flatMap((f) => (f.eventId ? [f.eventId] : [])));
    let blocked: BlockedKey[];
    try {
      await reachable(databaseUrlFor(ctx.config.postgresAdminUrl, serviceDatabaseName(service)));
      blocked = await withServiceDb(ctx, { service }, (db) => listBlockedKeys(db, group));
    } catch (error) {
      warnings.push(`${service} database: ${(error as Error).message}: no key released`);
      continue;
    }
    for (const block of blocked.filter((b) => b.topic === topic && heads.has(b.headEventId))) {
      const plan = await planRedrive(await ctx.admin(), {
        dlqTopic,
        keys: [],
        types: [],
        headers: [[DlqHeaders.parkedBehind, block.headEventId]],
      });
      releases.push({ service, block, plan, dryRun: await dryRunJob(ctx, plan) });
    }
  }
  return releases;
}

/** Releases the keys, then redrives what was parked behind them (released first, or it parks again). */
export async function executeReleases(
  ctx: OpsContext,
  releases: readonly KeyRelease[],
): Promise<{ released: number; runs: ExecutedJob[] }> {
  let released = 0;
  const runs: ExecutedJob[] = [];
  for (const { service, block, plan } of releases) {
    released += await withServiceDb(ctx, { service }, (db) =>
      releaseKey(db, {
        groupId: block.groupId,
        topic: block.topic,
        headEventId: block.headEventId,
      }),
    );
    runs.push(
      await executeJob(
        ctx,
        'dlq redrive',
        { dlqTopic: plan.sourceTopic, parkedBehind: block.headEventId, via: 'triage act' },
        { plan },
        undefined,
      ),
    );
  }
  return { released, runs };
}

/** Fails when the database does not answer, quietly (a knex pool would print on stdout). */
async function reachable(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => undefined);
  }
}
