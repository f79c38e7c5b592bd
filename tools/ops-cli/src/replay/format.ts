import { table } from '../cli/output';
import type { JobPlan } from './job';
import type { JobResult } from './run-job';
import type { ScanReport } from './scan';

export function describePlan(plan: JobPlan): string {
  const target = plan.target ?? '(each dead letter to its source topic)';
  return (
    `${plan.kind} ${plan.id}: ${plan.sourceTopic} → ${target}\n` +
    table(
      plan.ranges.map((r) => [r.partition, r.start, r.end, Math.max(0, r.end - r.start)]),
      ['PARTITION', 'FROM_OFFSET', 'TO_OFFSET', 'IN_RANGE'],
    )
  );
}

export function describeScan(report: ScanReport): string {
  const types = Object.entries(report.byType).map(([type, n]) => [type, n]);
  return [
    `DRY RUN: ${report.selected} message(s) would be published; scanned ${report.scanned}, ` +
      `skipped ${report.skipped.filtered} by filters, ${report.skipped['loop-guard']} by the loop ` +
      `guard, ${report.skipped.duplicate} duplicate dead letters`,
    table(
      report.byPartition.map((p) => [p.partition, p.scanned, p.selected]),
      ['PARTITION', 'SCANNED', 'SELECTED'],
    ),
    types.length > 0 ? table(types, ['EVENT_TYPE', 'SELECTED']) : '',
    report.sample.length > 0
      ? 'sample:\n' +
        table(
          report.sample.map((s) => [
            s.partition,
            s.offset,
            s.key,
            s.eventType,
            s.eventId,
            s.timestamp,
          ]),
          ['PARTITION', 'OFFSET', 'KEY', 'EVENT_TYPE', 'EVENT_ID', 'TIMESTAMP'],
        )
      : '',
    'Nothing was published. Add --execute to publish.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function describeResult(result: JobResult, auditId: string): string {
  const rate = result.elapsedMs > 0 ? Math.round((result.published * 1000) / result.elapsedMs) : 0;
  return (
    `${result.resumed ? 'Resumed and completed' : 'Completed'} ${result.id}: published ` +
    `${result.published}, skipped ${result.skipped}, scanned ${result.scanned} ` +
    `(${(result.elapsedMs / 1000).toFixed(1)} s, ${rate}/s; totals include earlier runs). Audit #${auditId}.\n` +
    table(
      result.byPartition.map((p) => [p.partition, p.scanned, p.published, p.skipped]),
      ['PARTITION', 'SCANNED', 'PUBLISHED', 'SKIPPED'],
    )
  );
}
