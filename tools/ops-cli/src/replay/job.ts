import type { Db } from '@o2c/db';
import { OpsError } from '../errors';
import type { OffsetRange } from '../kafka/read-partitions';
import type { HorizonGuard } from './horizon-guard';
import type { SelectorSpec } from './selector';

export type JobKind = 'replay' | 'redrive' | 'outbox';

/** The immutable plan of a replay or redrive, fixed when it starts so a resume does the same. */
export interface JobPlan {
  id: string;
  kind: JobKind;
  sourceTopic: string;
  /** Replay: the topic to publish to. Redrive: null, each dead letter goes back to its origin. */
  target: string | null;
  ranges: ({ partition: number } & OffsetRange)[];
  selector: SelectorSpec;
  max?: number;
  /** Replays: re-checked on --resume (absent for redrives and plans stored before it existed). */
  guard?: HorizonGuard;
  /** What the SRE asked for, for the audit and for humans. */
  request: Record<string, unknown>;
}

/** What every stored plan has; the rest of it is the kind's business. */
export interface StoredPlan {
  id: string;
  kind: JobKind;
  sourceTopic: string;
}

export async function saveJob(db: Db, plan: StoredPlan, actor: string): Promise<void> {
  const inserted = await db('ops_job')
    .insert({
      id: plan.id,
      kind: plan.kind,
      source_topic: plan.sourceTopic,
      plan: JSON.stringify(plan),
      actor,
    })
    .onConflict('id')
    .ignore()
    .returning('id');
  if (inserted.length === 0)
    throw new OpsError('REFUSED', `job '${plan.id}' already exists: use --resume ${plan.id}`);
}

export async function loadJob<T extends StoredPlan = JobPlan>(
  db: Db,
  id: string,
  kind: JobKind,
): Promise<T> {
  const row = (await db('ops_job').where({ id }).first()) as { plan: T; kind: string } | undefined;
  if (!row) throw new OpsError('NOT_FOUND', `no ${kind} job '${id}' in the ops database`);
  if (row.kind !== kind) throw new OpsError('USAGE', `job '${id}' is a ${row.kind}, not a ${kind}`);
  return row.plan;
}

export async function completeJob(db: Db, id: string): Promise<void> {
  await db('ops_job').where({ id }).update({ completed_at: db.fn.now() });
}
