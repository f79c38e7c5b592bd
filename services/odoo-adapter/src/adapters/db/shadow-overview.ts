import type { Knex } from 'knex';
import type { WriteMode } from '../../domain/shadow-compare';

export interface ChannelModeRow {
  channelCode: string;
  /** The channel's row in channel_modes, if any (else the default applies). */
  configured: { mode: WriteMode; changedAt: Date; changedBy: string; reason: string } | null;
  pinnedOrders: Record<WriteMode, number>;
  pendingChecks: number;
  /** Orders imported by bootstrap (imported_orders), all pinned to shadow. */
  importedOrders: number;
}

type Counted = Promise<Array<{ channel_code: string; n: number }>>;

/** Every channel that has a mode row, a pinned order or a pending check. */
export async function channelModesOverview(db: Knex): Promise<ChannelModeRow[]> {
  const [modes, pins, pending, imported] = await Promise.all([
    db('channel_modes').select() as Promise<
      Array<{
        channel_code: string;
        mode: WriteMode;
        changed_at: Date;
        changed_by: string;
        reason: string;
      }>
    >,
    db('order_modes')
      .groupBy('channel_code', 'mode')
      .select('channel_code', 'mode', db.raw('count(*)::int as n')) as unknown as Promise<
      Array<{ channel_code: string; mode: WriteMode; n: number }>
    >,
    db('shadow_checks')
      .where({ status: 'pending' })
      .groupBy('channel_code')
      .select('channel_code', db.raw('count(*)::int as n')) as unknown as Counted,
    db('imported_orders')
      .groupBy('channel_code')
      .select('channel_code', db.raw('count(*)::int as n')) as unknown as Counted,
  ]);
  const rows = new Map<string, ChannelModeRow>();
  const row = (channelCode: string) => {
    let r = rows.get(channelCode);
    if (!r) {
      r = {
        channelCode,
        configured: null,
        pinnedOrders: { live: 0, shadow: 0 },
        pendingChecks: 0,
        importedOrders: 0,
      };
      rows.set(channelCode, r);
    }
    return r;
  };
  for (const m of modes)
    row(m.channel_code).configured = {
      mode: m.mode,
      changedAt: m.changed_at,
      changedBy: m.changed_by,
      reason: m.reason,
    };
  for (const p of pins) row(p.channel_code).pinnedOrders[p.mode] = p.n;
  for (const p of pending) row(p.channel_code).pendingChecks = p.n;
  for (const i of imported) row(i.channel_code).importedOrders = i.n;
  return [...rows.values()].sort((a, b) => a.channelCode.localeCompare(b.channelCode));
}
