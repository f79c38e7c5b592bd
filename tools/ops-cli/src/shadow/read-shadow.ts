import type { Db } from '@o2c/db';

/** One channel's comparisons of one flow in the window (by when the event was handled). */
export interface FlowStats {
  flow: string;
  compared: number;
  matched: number;
  diverged: number;
  pending: number;
  /** Events shadow mode does not compare (returns, credit notes). */
  skipped: number;
}

export interface DivergenceRow {
  orderId: string;
  flow: string;
  kind: string;
  sku: string | null;
  expected: string | null;
  actual: string | null;
  detectedAt: string;
}

export interface ChannelShadowReport {
  channelCode: string;
  flows: FlowStats[];
  /** Orders whose sale order comparison settled in the window. */
  comparedOrders: number;
  divergences: DivergenceRow[];
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * What shadow mode found per channel since `sinceMs`, from odoo-adapter's database
 * (shadow_checks, shadow_divergences): comparisons per flow and result, and every divergence.
 */
export async function readShadowReport(
  db: Db,
  { sinceMs, channel }: { sinceMs: number; channel?: string },
): Promise<ChannelShadowReport[]> {
  const since = new Date(sinceMs);
  const checks = db('shadow_checks')
    .where('first_at', '>=', since)
    .modify((q) => {
      if (channel) void q.where({ channel_code: channel });
    })
    .groupBy('channel_code', 'flow')
    .select(
      'channel_code',
      'flow',
      db.raw("count(*) filter (where status in ('matched', 'diverged')) as compared"),
      db.raw("count(*) filter (where status = 'matched') as matched"),
      db.raw("count(*) filter (where status = 'diverged') as diverged"),
      db.raw("count(*) filter (where status = 'pending') as pending"),
      db.raw("count(*) filter (where status = 'skipped') as skipped"),
      db.raw(
        "count(distinct order_id) filter (where flow = 'SALE_ORDER' and status in ('matched', 'diverged')) as orders",
      ),
    );
  const divergences = db('shadow_divergences')
    .where('detected_at', '>=', since)
    .modify((q) => {
      if (channel) void q.where({ channel_code: channel });
    })
    .orderBy('detected_at')
    .select();
  const [flowRows, divergenceRows] = (await Promise.all([checks, divergences])) as [
    Array<Record<string, unknown>>,
    Array<Record<string, unknown>>,
  ];
  const byChannel = new Map<string, ChannelShadowReport>();
  const report = (code: string) => {
    let r = byChannel.get(code);
    if (!r)
      byChannel.set(
        code,
        (r = { channelCode: code, flows: [], comparedOrders: 0, divergences: [] }),
      );
    return r;
  };
  for (const row of flowRows) {
    const r = report(String(row.channel_code));
    r.flows.push({
      flow: String(row.flow),
      compared: n(row.compared),
      matched: n(row.matched),
      diverged: n(row.diverged),
      pending: n(row.pending),
      skipped: n(row.skipped),
    });
    r.comparedOrders += n(row.orders);
  }
  for (const row of divergenceRows)
    report(String(row.channel_code)).divergences.push({
      orderId: String(row.order_id),
      flow: String(row.flow),
      kind: String(row.kind),
      sku: typeof row.sku === 'string' && row.sku ? row.sku : null,
      expected: (row.expected as string | null) ?? null,
      actual: (row.actual as string | null) ?? null,
      detectedAt: (row.detected_at as Date).toISOString(),
    });
  for (const r of byChannel.values()) r.flows.sort((a, b) => a.flow.localeCompare(b.flow));
  return [...byChannel.values()].sort((a, b) => a.channelCode.localeCompare(b.channelCode));
}

/** "0 divergences over 412 compared orders in 24h (3 comparisons pending)". */
export function readiness(r: ChannelShadowReport, window: string): string {
  const pending = r.flows.reduce((sum, f) => sum + f.pending, 0);
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return (
    `${plural(r.divergences.length, 'divergence')} over ${plural(r.comparedOrders, 'compared order')} in ${window}` +
    (pending ? ` (${plural(pending, 'comparison')} pending)` : '')
  );
}
