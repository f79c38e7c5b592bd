import { blastRadius } from './blast-radius';
import type { OrderFacts } from './read-orders';
import { patternOf, signatureOf } from './signature';
import type { Failure, FailureGroup } from './types';

/** A group's failures beside it, for `triage show` and for acting on its dead letters. */
export interface GroupWithFailures {
  group: FailureGroup;
  failures: Failure[];
}

/** How fast a group's rank fades once it stops failing: halves every 3 hours. */
const halfLifeMs = 3 * 3_600_000;

/**
 * The rank of a group: count × recency, recency = 0.5 ^ (hours since its last failure / 3).
 * 300 failures that stopped 6 hours ago rank with 75 still failing now.
 */
export function rankOf(group: Pick<FailureGroup, 'count' | 'lastSeen'>, now: number): number {
  return group.count * 0.5 ** (Math.max(0, now - group.lastSeen) / halfLifeMs);
}

/** Failures grouped by signature, best rank first (see rankOf). */
export function groupFailures(
  failures: readonly Failure[],
  orders: ReadonlyMap<string, OrderFacts>,
  now: number,
): GroupWithFailures[] {
  const bySignature = new Map<string, Failure[]>();
  const patterns = new Map<string, ReturnType<typeof patternOf>>();
  for (const failure of failures) {
    const pattern = patternOf(failure);
    const signature = signatureOf(pattern);
    patterns.set(signature, pattern);
    const list = bySignature.get(signature) ?? [];
    list.push(failure);
    bySignature.set(signature, list);
  }
  const groups: GroupWithFailures[] = [];
  for (const [signature, list] of bySignature) {
    list.sort((a, b) => a.at - b.at);
    const pattern = patterns.get(signature)!;
    const orderIds = [...new Set(list.flatMap((f) => (f.orderId ? [f.orderId] : [])))].sort();
    const moneyMinor: Record<string, number> = {};
    const channels: Record<string, number> = {};
    const statusOf = new Map<string, string>();
    for (const id of orderIds) {
      const order = orders.get(id);
      if (!order) continue;
      statusOf.set(id, order.status);
      if (order.currency !== null && order.totalMinor !== null)
        moneyMinor[order.currency] = (moneyMinor[order.currency] ?? 0) + order.totalMinor;
    }
    // Channels per order (the order's own channel when known, else what the failure said).
    const channelOf = new Map<string, string>();
    for (const f of list) {
      const channel = (f.orderId ? orders.get(f.orderId)?.channel : undefined) ?? f.channel;
      if (channel) channelOf.set(f.orderId ?? f.ref, channel);
    }
    for (const channel of channelOf.values()) channels[channel] = (channels[channel] ?? 0) + 1;
    const dlqTopics: Record<string, number> = {};
    for (const f of list)
      if (f.dlqTopic !== null) dlqTopics[f.dlqTopic] = (dlqTopics[f.dlqTopic] ?? 0) + 1;
    groups.push({
      group: {
        signature,
        pattern,
        count: list.length,
        firstSeen: list[0]!.at,
        lastSeen: list[list.length - 1]!.at,
        orderIds,
        moneyMinor,
        sample: list[0]!,
        channels,
        blastRadius: blastRadius(pattern, orderIds, statusOf),
        dlqTopics,
      },
      failures: list,
    });
  }
  return groups.sort(
    (a, b) =>
      rankOf(b.group, now) - rankOf(a.group, now) ||
      a.group.signature.localeCompare(b.group.signature),
  );
}
