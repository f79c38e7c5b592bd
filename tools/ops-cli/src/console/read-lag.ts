import { groupLag, listGroupIds, type GroupLag } from '../commands/lag';
import type { OpsContext } from '../context';

export interface LagView {
  groups: Omit<GroupLag, 'partitions'>[];
  /** Groups matching the prefix beyond `limit`, not read. */
  omitted: number;
}

/** The lag of consumer groups starting with `prefix`, the most lagging first (ops-cli's lag). */
export async function readLag(ctx: OpsContext, prefix: string, limit = 40): Promise<LagView> {
  const ids = (await listGroupIds(await ctx.admin())).filter((id) => id.startsWith(prefix));
  const chosen = ids.slice(0, limit);
  const lags = await Promise.all(chosen.map((id) => groupLag(ctx, id)));
  return {
    groups: byLag(lags.map(({ partitions: _, ...group }) => group)),
    omitted: ids.length - chosen.length,
  };
}

export function byLag<T extends { totalLag: number; groupId: string }>(groups: T[]): T[] {
  return [...groups].sort((a, b) => b.totalLag - a.totalLag || a.groupId.localeCompare(b.groupId));
}
