import type { OffsetTarget } from '../cli/parse';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import type { Horizon } from '../replay/dedupe-horizon';
import { assertWithinHorizon } from '../replay/horizon-guard';
import { oldestRedelivered } from './rewind-horizon';
import {
  committedOffsets,
  describeGroup,
  offsetsForTime,
  topicBounds,
  type GroupState,
} from '../kafka/offsets';

export interface RewindRow {
  partition: number;
  /** -1 when the group never committed on this partition. */
  current: number;
  target: number;
  /** Messages the group will consume again (negative: messages it will skip). */
  redelivered: number;
}

export interface RewindPlan {
  group: GroupState;
  topic: string;
  to: string;
  partitions: RewindRow[];
  totalRedelivered: number;
  /** ISO time of the oldest message delivered again (null: none). */
  oldestRedelivered: string | null;
  /** The group's dedupe horizon (see dedupeHorizon), ISO, and where it comes from. */
  horizon: { at: string; source: string };
}

export interface RewindRequest {
  groupId: string;
  topic: string;
  to: OffsetTarget;
  toText: string;
  horizon: Horizon;
  /** Allow re-delivering events older than the horizon (their effects are applied again). */
  force: boolean;
}

/**
 * The offsets a rewind sets and what it re-delivers. Refuses (unless forced) to re-deliver events
 * older than the group's dedupe horizon, as `replay` does: its inbox no longer knows their ids.
 */
export async function planRewind(ctx: OpsContext, request: RewindRequest): Promise<RewindPlan> {
  const { groupId, topic, to, toText } = request;
  const admin = await ctx.admin();
  const [group, bounds, committed] = await Promise.all([
    describeGroup(admin, groupId),
    topicBounds(admin, topic),
    committedOffsets(admin, groupId, [topic]),
  ]);
  const byTime = to.kind === 'time' ? await offsetsForTime(admin, topic, to.at) : undefined;
  const partitions = bounds.map(({ partition, low, high }) => {
    const current = committed.find((c) => c.partition === partition)?.offset ?? -1;
    const target =
      to.kind === 'earliest'
        ? low
        : to.kind === 'latest'
          ? high
          : to.kind === 'offset'
            ? Math.min(Math.max(to.offset, low), high)
            : (byTime?.get(partition) ?? high);
    const from = current >= 0 ? current : high;
    return { partition, current, target, redelivered: from - target };
  });
  const oldest = await oldestRedelivered(
    ctx.kafka,
    topic,
    partitions.map((p) => ({ ...p, from: p.target + p.redelivered })),
  );
  if (oldest !== undefined)
    assertWithinHorizon(
      oldest,
      request.horizon,
      request.force,
      'the rewind re-delivers events from',
    );
  return {
    group,
    topic,
    to: toText,
    partitions,
    totalRedelivered: partitions.reduce((sum, p) => sum + p.redelivered, 0),
    oldestRedelivered: oldest === undefined ? null : new Date(oldest).toISOString(),
    horizon: { at: new Date(request.horizon.at).toISOString(), source: request.horizon.source },
  };
}

/** Kafka only lets an inactive group's offsets be changed; say how to get there. */
export function assertInactive(group: GroupState): void {
  if (group.members === 0 && (group.state === 'Empty' || group.state === 'Dead')) return;
  throw new OpsError(
    'REFUSED',
    `group '${group.groupId}' has ${group.members} active member(s) (state ${group.state}). ` +
      'Stop its consumers first (scale the service to 0 or stop its process), wait for the ' +
      `session timeout, check with 'o2c-ops groups', then run this again.`,
  );
}

export async function executeRewind(ctx: OpsContext, plan: RewindPlan): Promise<void> {
  const admin = await ctx.admin();
  assertInactive(await describeGroup(admin, plan.group.groupId));
  await admin.setOffsets({
    groupId: plan.group.groupId,
    topic: plan.topic,
    partitions: plan.partitions.map((p) => ({ partition: p.partition, offset: String(p.target) })),
  });
}
