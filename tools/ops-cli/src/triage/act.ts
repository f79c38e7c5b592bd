import { audited, type AuditRecord } from '../audit/audited';
import type { OpsContext } from '../context';
import { planRedrive } from '../dlq/plan-redrive';
import { OpsError } from '../errors';
import type { JobPlan } from '../replay/job';
import { dryRunJob, executeJob, type ExecutedJob } from '../replay/job-actions';
import type { ScanReport } from '../replay/scan';
import { redriveSelections } from './action-commands';
import { actCommandName, type ActArguments } from './history';
import type { TriageRun } from './run-triage';
import { executeReleases, planReleases, type KeyRelease } from './discard';
import type { Failure } from './types';

type Group = TriageRun['groups'][number];

export interface ActPlan {
  signature: string;
  action: Group['proposal']['kind'];
  proposed: Group['proposal']['kind'];
  /** The redrives it runs, with their dry runs (redrive kinds). */
  redrives: { plan: JobPlan; dryRun: ScanReport; expected: number }[];
  /** The letters a DISCARD gives up on, and the keys blocked behind them it releases. */
  discarded: string[];
  releases: KeyRelease[];
  warnings: string[];
}

export interface ActResult {
  audit: AuditRecord;
  runs: ExecutedJob[];
}

const partitionOffset = (ref: string) => {
  const parts = ref.split('/');
  return { partition: Number(parts[parts.length - 2]), offset: Number(parts[parts.length - 1]) };
};

/**
 * The redrive plans of a group: the `dlq redrive` selection of its pattern, its ranges narrowed
 * to start at the group's first open letter in each partition (to the end, so letters parked
 * behind a head come along), so letters redriven before are not read again.
 */
async function redrivePlans(ctx: OpsContext, group: Group): Promise<ActPlan['redrives']> {
  const out: ActPlan['redrives'] = [];
  for (const selection of redriveSelections(group, group.failures)) {
    const letters = group.failures.filter((f: Failure) => f.dlqTopic === selection.dlqTopic);
    const first = new Map<number, number>();
    for (const { partition, offset } of letters.map((f) => partitionOffset(f.ref)))
      first.set(partition, Math.min(offset, first.get(partition) ?? offset));
    const plan = await planRedrive(await ctx.admin(), {
      dlqTopic: selection.dlqTopic,
      keys: [],
      types: selection.types,
      headers: selection.headers,
      reason: selection.reason,
    });
    plan.ranges = plan.ranges
      .filter((r) => first.has(r.partition))
      .map((r) => ({ ...r, start: Math.max(r.start, first.get(r.partition)!) }));
    plan.request = { ...plan.request, signature: group.signature, via: 'triage act' };
    out.push({ plan, dryRun: await dryRunJob(ctx, plan), expected: letters.length });
  }
  return out;
}

const heldNote = (group: Group) =>
  `held work, not dead letters: ${group.pattern.service} retries it itself, nothing is redriven; ` +
  `executing records the decision to wait; watch it drain with \`${group.proposal.command}\``;

/** What `triage act` would do for a group (the dry runs included); changes nothing. */
export async function planAct(ctx: OpsContext, group: Group): Promise<ActPlan> {
  const kind = group.proposal.kind;
  const redrivable = kind === 'WAIT_AND_REDRIVE' || kind === 'REDRIVE_AFTER_FIX';
  const letters = group.failures.filter((f) => f.dlqTopic !== null);
  const warnings: string[] = [];
  // Held work is retried by its service: waiting is the action, recorded like an escalation.
  const held = group.pattern.source === 'held';
  if (held) warnings.push(heldNote(group));
  if (redrivable && !held && letters.length === 0)
    throw new OpsError(
      'REFUSED',
      `${kind}: group ${group.signature} has no open dead letter to redrive`,
    );
  if (kind === 'REPLAY_WINDOW')
    throw new OpsError('REFUSED', 'REPLAY_WINDOW: use `o2c-ops replay` with the window you mean');
  return {
    signature: group.signature,
    action: kind,
    proposed: group.proposedKind,
    redrives: redrivable && !held ? await redrivePlans(ctx, group) : [],
    discarded: kind === 'DISCARD' ? letters.map((f) => f.ref) : [],
    releases: kind === 'DISCARD' ? await planReleases(ctx, letters, warnings) : [],
    warnings,
  };
}

/** Runs an act plan, audited as `triage act` with the signature, whatever the action. */
export async function executeAct(
  ctx: OpsContext,
  plan: ActPlan,
  note: string | undefined,
): Promise<ActResult> {
  const args: ActArguments = {
    signature: plan.signature,
    action: plan.action,
    proposed: plan.proposed,
    overridden: plan.action !== plan.proposed,
    ...(note !== undefined ? { note } : {}),
    ...(plan.redrives.length > 0 ? { redriveIds: plan.redrives.map((r) => r.plan.id) } : {}),
    ...(plan.discarded.length > 0 ? { discarded: plan.discarded } : {}),
  };
  const runs: ExecutedJob[] = [];
  const { audit } = await audited(ctx, actCommandName, { ...args }, async () => {
    for (const { plan: job } of plan.redrives)
      runs.push(
        await executeJob(
          ctx,
          'dlq redrive',
          { dlqTopic: job.sourceTopic, ...job.request },
          { plan: job },
          undefined,
        ),
      );
    const { released, runs: parked } = await executeReleases(ctx, plan.releases);
    runs.push(...parked);
    const published = runs.reduce((sum, r) => sum + r.result.published, 0);
    const skipped = runs.reduce((sum, r) => sum + r.result.skipped, 0);
    return {
      value: undefined,
      counts: {
        published,
        skipped,
        redrives: runs.length,
        discarded: plan.discarded.length,
        released,
      },
    };
  });
  return { audit, runs };
}
