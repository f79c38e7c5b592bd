import { readPublishedEvents } from '@o2c/outbox';
import type { Db } from '@o2c/db';
import type { OutboxPlan } from './plan-outbox';

export interface OutboxScan {
  selected: number;
  byTopic: Record<string, number>;
  byType: Record<string, number>;
  sample: {
    id: string;
    topic: string;
    key: string;
    eventType: string;
    eventId: string;
    createdAt: string;
  }[];
}

/** The dry run: the rows --execute would publish, counted page by page in the same order. */
export async function scanOutbox(db: Db, plan: OutboxPlan): Promise<OutboxScan> {
  const scan: OutboxScan = { selected: 0, byTopic: {}, byType: {}, sample: [] };
  const budget = plan.max ?? Number.POSITIVE_INFINITY;
  let after: { id: string } | undefined;
  while (scan.selected < budget) {
    const rows = await readPublishedEvents(db, {
      from: new Date(plan.from),
      to: new Date(plan.to),
      ...(plan.topic ? { topic: plan.topic } : {}),
      ...(plan.eventType ? { eventType: plan.eventType } : {}),
      ...(after ? { after } : {}),
      limit: Math.min(1000, budget - scan.selected),
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const topic = plan.target ?? row.topic;
      scan.byTopic[topic] = (scan.byTopic[topic] ?? 0) + 1;
      scan.byType[row.eventType] = (scan.byType[row.eventType] ?? 0) + 1;
      if (scan.sample.length < 5)
        scan.sample.push({
          id: row.id,
          topic,
          key: row.key,
          eventType: row.eventType,
          eventId: row.eventId,
          createdAt: row.createdAt.toISOString(),
        });
    }
    scan.selected += rows.length;
    const last = rows[rows.length - 1]!;
    after = { id: last.id };
  }
  return scan;
}
