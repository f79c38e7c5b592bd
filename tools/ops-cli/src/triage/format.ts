import type { ActPlan, ActResult } from './act';
import type { TriageRun } from './run-triage';

type Group = TriageRun['groups'][number];

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pairs = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || '-';
const money = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([currency, minor]) => `${(minor / 100).toFixed(2)} ${currency}`)
    .join(', ') || 'unknown';

/** One group as `triage` prints it: what failed, what it blocks, why, and what to do. */
export function describeGroup(group: Group, options: { failures: boolean }): string {
  const p = group.pattern;
  const lines = [
    `== ${group.signature}  ${group.count} × ${p.source} ${p.service} ${p.errorClass ?? '?'}`,
    `   where:     ${[p.topic, p.eventType, p.odooModel && `${p.odooModel}/${p.odooMethod ?? '?'}`].filter(Boolean).join(' ')}`,
    `   message:   ${p.message}`,
    `   seen:      ${iso(group.firstSeen)} .. ${iso(group.lastSeen)}`,
    `   orders:    ${group.orderIds.length} (${money(group.moneyMinor)}); channels: ${pairs(group.channels)}`,
    `   blocks:    ${group.blastRadius.waitingStages.join(', ') || '-'}; orders by status: ${pairs(group.blastRadius.ordersByStatus)}`,
    `   letters:   ${pairs(group.dlqTopics)}`,
    `   sample:    ${group.sample.ref} ${group.sample.message.slice(0, 160)}`,
  ];
  const changes = group.changes.slice(0, 3);
  lines.push(
    changes.length === 0 ? '   changes:   no candidate signal in the window' : '   changes:',
  );
  for (const c of changes) {
    lines.push(
      `     ${c.score.toFixed(2)} ${c.signal.kind} ${c.signal.subject} (${c.signal.service}) at ${iso(c.signal.at)}`,
    );
    for (const e of c.evidence) lines.push(`          ${e}`);
  }
  const proposal = group.proposal;
  lines.push(`   proposal:  ${proposal.kind}: ${proposal.why}`);
  for (const b of proposal.before) lines.push(`     before:  ${b}`);
  lines.push(`     dry run: ${proposal.dryRun}`, `     execute: ${proposal.command}`);
  if (proposal.act !== proposal.command)
    lines.push(`     or, audited with the signature: ${proposal.act}`);
  for (const h of proposal.history)
    lines.push(
      `     history: audit #${h.auditId} ${h.kind} by ${h.actor} at ${iso(h.at)}: ${h.resolved ? 'resolved' : 'did not resolve'} (${h.judgedBy ?? ''})`,
    );
  if (options.failures) {
    lines.push('   failures:');
    for (const f of group.failures)
      lines.push(`     ${iso(f.at)} ${f.ref} ${f.orderId ?? '-'} ${f.eventId ?? '-'}`);
  }
  return lines.join('\n');
}

export function describeRun(run: TriageRun, options: { failures: boolean }): string {
  const head = `triage ${iso(run.window.fromMs)} .. ${iso(run.window.toMs)}: ${run.groups.length} groups, ${run.groups.reduce((n, g) => n + g.count, 0)} failures (ranked by count × recency)`;
  const warnings = run.warnings.map((w) => `warning: ${w}`);
  // Only incidents that join groups: a group alone is shown as itself below.
  const incidents = run.causes
    .filter((c) => c.signal !== null && c.signatures.length > 1)
    .map(
      (c) =>
        `incident: ${c.signal!.kind} ${c.signal!.subject} at ${iso(c.signal!.at)} (score ` +
        `${c.score.toFixed(2)}) explains ${c.signatures.join(', ')}: ${c.count} failures, ` +
        `${c.orderIds.length} orders`,
    );
  return [
    head,
    ...(warnings.length > 0 ? [warnings.join('\n')] : []),
    ...(incidents.length > 0 ? [incidents.join('\n')] : []),
    ...run.groups.map((g) => describeGroup(g, options)),
  ].join('\n\n');
}

export function describeActPlan(plan: ActPlan): string {
  const lines = [
    `${plan.action} on ${plan.signature}${plan.action !== plan.proposed ? ` (proposed: ${plan.proposed})` : ''}`,
  ];
  for (const r of plan.redrives)
    lines.push(
      `  redrive ${r.plan.id} of ${r.plan.sourceTopic}: ${r.dryRun.selected} letters selected ` +
        `(${r.expected} open in the group; letters parked behind them come along), ${r.dryRun.scanned} scanned`,
    );
  for (const r of plan.releases)
    lines.push(
      `  releases key ${r.block.messageKey} of ${r.block.groupId} (head ${r.block.headEventId}); ` +
        `redrive ${r.plan.id} sends its ${r.dryRun.selected} parked events back`,
    );
  for (const w of plan.warnings) lines.push(`  warning: ${w}`);
  if (plan.discarded.length > 0)
    lines.push(`  gives up on ${plan.discarded.length} letters (they stay in their topic)`);
  if (plan.action === 'ESCALATE')
    lines.push('  executes nothing: records the escalation (--note) in the audit log');
  return lines.join('\n');
}

export function describeActResult(plan: ActPlan, result: ActResult): string {
  const lines = [describeActPlan(plan)];
  for (const run of result.runs)
    lines.push(
      `  ${run.plan.id}: published ${run.result.published}, skipped ${run.result.skipped} (audit #${run.audit.id})`,
    );
  lines.push(`audited as #${result.audit.id} (${result.audit.result})`);
  return lines.join('\n');
}
