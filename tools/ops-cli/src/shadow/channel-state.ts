import type { Db } from '@o2c/db';

export type WriteMode = 'live' | 'shadow';
export const WRITE_MODES: readonly WriteMode[] = ['live', 'shadow'];

/** A channel's write mode in odoo-adapter and the orders pinned to each mode. */
export interface ChannelState {
  channelCode: string;
  mode: WriteMode;
  /** channel_modes: set by a cutover; default: ODOO_WRITE_MODE_DEFAULT applies. */
  source: 'channel_modes' | 'default';
  changedAt: string | null;
  changedBy: string | null;
  reason: string | null;
  pinned: Record<WriteMode, number>;
  /**
   * Pinned orders not finished yet: no invoice posted (or parked until its delivery is validated)
   * and no cancellation handled when live; no invoice or cancellation compared when shadow. Their later events keep following their pinned mode.
   */
  inFlight: Record<WriteMode, number>;
  /** Orders o2c-ops bootstrap imported into the channel (pinned to shadow, never in flight). */
  imported: number;
}

const count = async (q: Promise<unknown>) => Number(((await q) as [{ n: unknown }])[0]?.n ?? 0);

export async function readChannelState(
  db: Db,
  channelCode: string,
  defaultMode: WriteMode,
): Promise<ChannelState> {
  const row = (await db('channel_modes').where({ channel_code: channelCode }).first()) as
    { mode: WriteMode; changed_at: Date; changed_by: string; reason: string } | undefined;
  const pinned = (mode: WriteMode) =>
    count(db('order_modes').where({ channel_code: channelCode, mode }).count({ n: '*' }));
  const inFlight = (mode: WriteMode) =>
    count(
      db('order_modes as o')
        .where({ 'o.channel_code': channelCode, 'o.mode': mode })
        .whereNotExists(
          mode === 'live'
            ? db('odoo_sync_log as l')
                .whereRaw('l.order_id = o.order_id')
                .whereIn('l.event_type', ['InvoiceIssued', 'OrderCancelled'])
                // An invoice or cancellation parked (for its delivery, or its sale order)
                // leaves the order in flight.
                .whereNotIn('l.action', ['waiting-for-delivery', 'waiting-for-sale-order'])
            : db('shadow_checks as c')
                .whereRaw('c.order_id = o.order_id')
                .whereIn('c.flow', ['INVOICE', 'CANCELLATION']),
        )
        // Imported orders are the old path's to finish: never in flight on the platform.
        .whereNotExists(db('imported_orders as i').whereRaw('i.order_id = o.order_id'))
        .count({ n: '*' }),
    );
  const [live, shadow, liveOpen, shadowOpen, imported] = await Promise.all([
    pinned('live'),
    pinned('shadow'),
    inFlight('live'),
    inFlight('shadow'),
    count(db('imported_orders').where({ channel_code: channelCode }).count({ n: '*' })),
  ]);
  return {
    channelCode,
    mode: row?.mode ?? defaultMode,
    source: row ? 'channel_modes' : 'default',
    changedAt: row ? row.changed_at.toISOString() : null,
    changedBy: row?.changed_by ?? null,
    reason: row?.reason ?? null,
    pinned: { live, shadow },
    inFlight: { live: liveOpen, shadow: shadowOpen },
    imported,
  };
}

/** What odoo-adapter reads when it handles the channel's next OrderAccepted. */
export async function writeChannelMode(
  db: Db,
  change: { channelCode: string; mode: WriteMode; actor: string; reason: string },
): Promise<void> {
  await db('channel_modes')
    .insert({
      channel_code: change.channelCode,
      mode: change.mode,
      changed_by: change.actor,
      reason: change.reason,
      changed_at: db.fn.now(),
    })
    .onConflict('channel_code')
    .merge(['mode', 'changed_by', 'reason', 'changed_at']);
}
