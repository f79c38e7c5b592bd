import type { OpsContext } from '../context';
import { planRedrive } from '../dlq/plan-redrive';
import { OpsError } from '../errors';
import { dryRunJob, executeJob, type ExecutedJob } from '../replay/job-actions';
import type { JobPlan } from '../replay/job';
import type { ScanReport } from '../replay/scan';
import { reasonPattern } from './pending-letters';
import { confirmationProblem, confirmationWord, type PlanShelf } from './redrive-guard';

export interface ShownPlan {
  plan: JobPlan;
  dryRun: ScanReport;
  /** What the operator must type to execute it. */
  confirm: string;
}

/** The dry run of redriving a topic's letters (of one reason, if given); kept on the shelf. */
export async function showRedrivePlan(
  ctx: OpsContext,
  shelf: PlanShelf,
  request: { topic: string; reason?: string },
): Promise<ShownPlan> {
  const plan = await planRedrive(await ctx.admin(), {
    dlqTopic: request.topic,
    keys: [],
    types: [],
    headers: [],
    ...(request.reason ? { reason: reasonPattern(request.reason) } : {}),
  });
  const dryRun = await dryRunJob(ctx, plan);
  shelf.put(plan);
  return { plan, dryRun, confirm: confirmationWord(plan) };
}

/** Executes a shown plan once its group's name is typed; audited as `dlq redrive`, like the CLI. */
export async function executeRedrivePlan(
  ctx: OpsContext,
  shelf: PlanShelf,
  request: { planId: string; confirm: unknown },
): Promise<ExecutedJob> {
  const plan = shelf.get(request.planId);
  if (!plan)
    throw new OpsError('NOT_FOUND', `no shown plan '${request.planId}': show the dry run again`);
  const problem = confirmationProblem(plan, request.confirm);
  if (problem) throw new OpsError('REFUSED', problem);
  shelf.take(plan.id);
  return executeJob(
    ctx,
    'dlq redrive',
    { dlqTopic: plan.sourceTopic, ...plan.request, via: 'console' },
    { plan },
    undefined,
  );
}
