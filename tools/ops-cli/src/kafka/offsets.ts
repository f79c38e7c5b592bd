import { AssignerProtocol, type Admin } from 'kafkajs';
import { OpsError } from '../errors';

export interface PartitionBounds {
  partition: number;
  /** First offset still in the log. */
  low: number;
  /** Log-end offset: the offset the next message will get. */
  high: number;
}

/**
 * kafkajs' admin gives up at once on a retriable broker error, e.g. "not the leader for that
 * topic-partition" on a topic just created or during a leader election after a broker restart:
 * try again, with back-off, for about 10 s.
 */
async function whileRetriable<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const e = error as { retriable?: boolean; cause?: { retriable?: boolean } };
      const retriable = e.retriable === true || e.cause?.retriable === true;
      if (!retriable || attempt >= 12) throw error;
      await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
    }
  }
}

export async function topicBounds(admin: Admin, topic: string): Promise<PartitionBounds[]> {
  try {
    const offsets = await whileRetriable(() => admin.fetchTopicOffsets(topic));
    return offsets
      .map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }))
      .sort((a, b) => a.partition - b.partition);
  } catch (error) {
    throw new OpsError('NOT_FOUND', `cannot read offsets of topic '${topic}'`, { cause: error });
  }
}

/** Per partition, the first offset whose timestamp is >= at (log-end when there is none). */
export async function offsetsForTime(
  admin: Admin,
  topic: string,
  at: number,
): Promise<Map<number, number>> {
  const offsets = await whileRetriable(() => admin.fetchTopicOffsetsByTimestamp(topic, at));
  return new Map(offsets.map((o) => [o.partition, Number(o.offset)]));
}

export interface CommittedOffset {
  topic: string;
  partition: number;
  /** -1 when the group never committed on this partition. */
  offset: number;
  metadata: string | null;
}

export async function committedOffsets(
  admin: Admin,
  groupId: string,
  topics?: string[],
): Promise<CommittedOffset[]> {
  const result = await admin.fetchOffsets({ groupId, ...(topics ? { topics } : {}) });
  return result.flatMap(({ topic, partitions }) =>
    partitions.map((p) => ({
      topic,
      partition: p.partition,
      offset: Number(p.offset),
      metadata: p.metadata,
    })),
  );
}

export interface GroupState {
  groupId: string;
  state: string;
  members: number;
  /** Topics assigned to its members now (a fresh group stuck on its first message has no commit). */
  assignedTopics: string[];
}

export async function describeGroup(admin: Admin, groupId: string): Promise<GroupState> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  const assigned = new Set<string>();
  for (const member of group?.members ?? []) {
    if (!member.memberAssignment?.length) continue;
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    for (const topic of Object.keys(decoded?.assignment ?? {})) assigned.add(topic);
  }
  return {
    groupId,
    state: group?.state ?? 'Dead',
    members: group?.members.length ?? 0,
    assignedTopics: [...assigned].sort(),
  };
}
