import type { Knex } from 'knex';
import { channelModesOverview } from '../../adapters/db/shadow-overview';
import type { WriteMode } from '../../domain/shadow-compare';

/**
 * Each known channel's effective write mode, where it comes from, its pins, pending checks and
 * imported orders.
 */
export async function readChannelModes(db: Knex, defaultMode: WriteMode) {
  const channels = await channelModesOverview(db);
  return {
    defaultMode,
    channels: channels.map((c) => ({
      channelCode: c.channelCode,
      mode: c.configured?.mode ?? defaultMode,
      source: c.configured ? ('channel_modes' as const) : ('default' as const),
      changedAt: c.configured?.changedAt.toISOString() ?? null,
      changedBy: c.configured?.changedBy ?? null,
      reason: c.configured?.reason ?? null,
      pinnedOrders: c.pinnedOrders,
      pendingChecks: c.pendingChecks,
      importedOrders: c.importedOrders,
    })),
  };
}
