import type { Db } from '@o2c/db';
import type { OpsContext } from '../context';
import { openOpsDb } from './ops-db';

export interface AuditRecord {
  id: string;
  actor: string;
  command: string;
  arguments: Record<string, unknown>;
  startedAt: string;
  finishedAt: string | null;
  result: 'running' | 'ok' | 'failed';
  counts: Record<string, unknown> | null;
  error: string | null;
}

export interface AuditedRun<T> {
  value: T;
  audit: AuditRecord;
}

/**
 * Runs an executed (state-changing) action with an audit row: written as 'running' before the
 * action starts, so even a killed run leaves a trace, and completed with its result and counts.
 */
export async function audited<T>(
  ctx: OpsContext,
  command: string,
  args: Record<string, unknown>,
  action: (db: Db) => Promise<{ value: T; counts: Record<string, unknown>; jobId?: string }>,
): Promise<AuditedRun<T>> {
  const db = await openOpsDb(ctx.config.opsDatabaseUrl);
  try {
    const [row] = await db('ops_audit')
      .insert({ actor: ctx.actor, command, arguments: JSON.stringify(args), result: 'running' })
      .returning<{ id: string }[]>('id');
    const id = row!.id;
    try {
      const { value, counts, jobId } = await action(db);
      await finish(db, id, { result: 'ok', counts: JSON.stringify(counts), job_id: jobId ?? null });
      return { value, audit: await load(db, id) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finish(db, id, { result: 'failed', error: message });
      throw error;
    }
  } finally {
    await db.destroy();
  }
}

async function finish(db: Db, id: string, fields: Record<string, unknown>): Promise<void> {
  await db('ops_audit')
    .where({ id })
    .update({ ...fields, finished_at: db.fn.now() });
}

async function load(db: Db, id: string): Promise<AuditRecord> {
  return toRecord((await db('ops_audit').where({ id }).first()) as Record<string, unknown>);
}

/** The latest audit records, newest first. */
export async function recentAudit(db: Db, limit: number): Promise<AuditRecord[]> {
  const rows = (await db('ops_audit').orderBy('id', 'desc').limit(limit)) as Record<
    string,
    unknown
  >[];
  return rows.map(toRecord);
}

/** An ops_audit row as an AuditRecord. */
export function toRecord(row: Record<string, unknown>): AuditRecord {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
  return {
    id: String(row.id),
    actor: row.actor as string,
    command: row.command as string,
    arguments: row.arguments as Record<string, unknown>,
    startedAt: iso(row.started_at)!,
    finishedAt: iso(row.finished_at),
    result: row.result as AuditRecord['result'],
    counts: row.counts as Record<string, unknown> | null,
    error: row.error as string | null,
  };
}
