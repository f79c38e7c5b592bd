import type { Db } from '@o2c/db';
import { recentAudit, type AuditRecord } from '../audit/audited';
import type { OpsContext } from '../context';
import { jobCheckpointGroup } from '../contracts';
import { committedOffsets } from '../kafka/offsets';
import type { JobPlan } from '../replay/job';
import { jobStateOf, progressOf, type JobView } from './job-progress';

export interface JobsView {
  jobs: JobView[];
  /** The latest replay, redrive, rewind and outbox entries of the audit log. */
  audit: AuditRecord[];
}

interface JobRow {
  id: string;
  plan: JobPlan;
  actor: string;
  created_at: Date;
  completed_at: Date | null;
}

/** Replay and redrive jobs (ops_job) with progress from their checkpoint groups, newest first. */
export async function readJobs(ctx: OpsContext, opsDb: Db, limit = 20): Promise<JobsView> {
  const rows = (await opsDb('ops_job').orderBy('created_at', 'desc').limit(limit)) as JobRow[];
  const admin = await ctx.admin();
  const jobs = await Promise.all(
    rows.map(async (row): Promise<JobView> => {
      const checkpoints =
        row.completed_at === null
          ? await committedOffsets(admin, jobCheckpointGroup(row.id), [row.plan.sourceTopic])
          : [];
      const completedAt = row.completed_at?.toISOString() ?? null;
      const { total } = progressOf(row.plan.ranges, []);
      const progress =
        completedAt === null ? progressOf(row.plan.ranges, checkpoints) : { done: total, total };
      return {
        id: row.id,
        kind: row.plan.kind,
        sourceTopic: row.plan.sourceTopic,
        actor: row.actor,
        createdAt: row.created_at.toISOString(),
        completedAt,
        ...progress,
        state: jobStateOf(completedAt, progress),
      };
    }),
  );
  const audit = (await recentAudit(opsDb, 200))
    .filter((a) => /^(replay|dlq|rewind|outbox)/.test(a.command))
    .slice(0, 20);
  return { jobs, audit };
}
