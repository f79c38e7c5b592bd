/** Stages of an order's way to cash, as order-intake times them (o2c_order_stage_seconds). */
export const STAGES = ['accepted', 'reserved', 'shipped', 'invoiced'] as const;
export type Stage = (typeof STAGES)[number];

/** One order of the window: its status, receipt, and when it first reached each stage (epoch ms). */
export interface OrderStageRow {
  status: string;
  receivedAt: number;
  reached: Partial<Record<Stage, number>>;
}

export interface StageLatency {
  stage: Stage;
  /** Orders of the window that reached the stage. */
  reached: number;
  medianSeconds: number | null;
  p95Seconds: number | null;
}

export interface OrderFlow {
  orders: number;
  byStatus: Record<string, number>;
  stages: StageLatency[];
}

/** Nearest-rank percentile of sorted values (null when empty). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Counts per status and, per stage, median and p95 seconds from receipt (never negative). */
export function orderFlowOf(rows: readonly OrderStageRow[]): OrderFlow {
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const stages = STAGES.map((stage) => {
    const seconds = rows
      .filter((r) => r.reached[stage] !== undefined)
      .map((r) => Math.max(0, r.reached[stage]! - r.receivedAt) / 1000)
      .sort((a, b) => a - b);
    return {
      stage,
      reached: seconds.length,
      medianSeconds: percentile(seconds, 50),
      p95Seconds: percentile(seconds, 95),
    };
  });
  return { orders: rows.length, byStatus, stages };
}
