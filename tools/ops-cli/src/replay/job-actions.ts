import { audited, type AuditRecord } from '../audit/audited';
import { createProgress } from '../cli/progress';
import type { OpsContext } from '../context';
import { completeJob, loadJob, saveJob, type JobKind, type JobPlan } from './job';
import { runJob, type JobResult } from './run-job';
import { scanJob, type ScanReport } from './scan';

const rangeSize = (plan: JobPlan) =>
  plan.ranges.reduce((sum, r) => sum + Math.max(0, r.end - r.start), 0);

export async function dryRunJob(ctx: OpsContext, plan: JobPlan): Promise<ScanReport> {
  const progress = createProgress('scanning', rangeSize(plan), ctx.progress);
  try {
    return await scanJob(ctx.kafka, plan, progress);
  } finally {
    progress.stop();
  }
}

export type JobStart = { plan: JobPlan } | { resume: string; kind: JobKind };

export interface ExecutedJob {
  plan: JobPlan;
  result: JobResult;
  audit: AuditRecord;
}

/** Saves the plan (or loads it to resume), runs it, and audits the run. */
export async function executeJob(
  ctx: OpsContext,
  command: string,
  args: Record<string, unknown>,
  start: JobStart,
  rate: number | undefined,
  /** Runs on a resumed plan before anything is published (e.g. the dedupe horizon again). */
  checkResumed?: (plan: JobPlan) => Promise<void>,
): Promise<ExecutedJob> {
  let plan: JobPlan | undefined;
  const { value, audit } = await audited(ctx, command, args, async (db) => {
    plan = 'plan' in start ? start.plan : await loadJob<JobPlan>(db, start.resume, start.kind);
    if ('plan' in start) await saveJob(db, plan, ctx.actor);
    else await checkResumed?.(plan);
    ctx.out.note(
      `${plan.kind} ${plan.id}: if interrupted, continue with --resume ${plan.id} --execute`,
    );
    const progress = createProgress(plan.kind, rangeSize(plan), ctx.progress);
    let result: JobResult;
    try {
      result = await runJob(ctx.kafka, plan, { progress, ...(rate ? { rate } : {}) });
    } finally {
      progress.stop();
    }
    await completeJob(db, plan.id);
    const { published, skipped, scanned, resumed } = result;
    return { value: result, counts: { published, skipped, scanned, resumed }, jobId: plan.id };
  });
  return { plan: plan!, result: value, audit };
}
