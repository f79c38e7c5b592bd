import type { Kafka } from 'kafkajs';
import { eventIdOf, eventTypeOf } from '@o2c/kafka';
import { readPartitions } from '../kafka/read-partitions';
import type { Progress } from '../cli/progress';
import type { JobPlan } from './job';
import { createSelector, type Verdict } from './selector';

export interface SampleMessage {
  partition: number;
  offset: string;
  key: string | null;
  eventId: string | null;
  eventType: string | null;
  timestamp: string;
}

export interface ScanReport {
  scanned: number;
  /** What --execute would publish (after --max). */
  selected: number;
  skipped: Record<Exclude<Verdict, 'selected'>, number>;
  byPartition: { partition: number; scanned: number; selected: number }[];
  byType: Record<string, number>;
  sample: SampleMessage[];
}

/** The dry run: reads the planned ranges and counts what the job would publish. */
export async function scanJob(
  kafka: Kafka,
  plan: JobPlan,
  progress: Progress,
): Promise<ScanReport> {
  const select = createSelector(plan.selector);
  const report: ScanReport = {
    scanned: 0,
    selected: 0,
    skipped: { 'loop-guard': 0, filtered: 0, duplicate: 0 },
    byPartition: [],
    byType: {},
    sample: [],
  };
  const perPartition = new Map(
    plan.ranges.map((r) => [r.partition, { partition: r.partition, scanned: 0, selected: 0 }]),
  );
  const budget = plan.max ?? Number.POSITIVE_INFINITY;
  await readPartitions({
    kafka,
    topic: plan.sourceTopic,
    ranges: new Map(plan.ranges.map((r) => [r.partition, r])),
    onBatch({ partition, messages }) {
      const counts = perPartition.get(partition)!;
      for (const m of messages) {
        if (report.selected >= budget) return true;
        counts.scanned += 1;
        report.scanned += 1;
        const verdict = select(m);
        if (verdict !== 'selected') {
          report.skipped[verdict] += 1;
          continue;
        }
        counts.selected += 1;
        report.selected += 1;
        const type = eventTypeOf(m.headers) ?? '(none)';
        report.byType[type] = (report.byType[type] ?? 0) + 1;
        if (report.sample.length < 5)
          report.sample.push({
            partition,
            offset: m.offset,
            key: m.key?.toString() ?? null,
            eventId: eventIdOf(m.headers) ?? null,
            eventType: type,
            timestamp: new Date(Number(m.timestamp)).toISOString(),
          });
      }
      progress.increment(messages.length);
      return report.selected >= budget;
    },
  });
  report.byPartition = [...perPartition.values()];
  return report;
}
