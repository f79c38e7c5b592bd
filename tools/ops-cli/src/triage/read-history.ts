import type { Db } from '@o2c/db';
import type { AuditRecord } from '../audit/audited';
import { actCommandName, type ActArguments } from './history';
import type { Discarded } from './read-letter-failures';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);

/** The executed `triage act` rows of these signatures, newest first (at most 200 each). */
export async function readActRecords(
  opsDb: Db,
  signatures: readonly string[],
): Promise<Map<string, AuditRecord[]>> {
  const by = new Map<string, AuditRecord[]>();
  if (signatures.length === 0) return by;
  const rows = (await opsDb('ops_audit')
    .where({ command: actCommandName })
    .whereRaw(`arguments->>'signature' in (${signatures.map(() => '?').join(', ')})`, [
      ...signatures,
    ])
    .orderBy('id', 'desc')
    .limit(200 * signatures.length)) as Record<string, unknown>[];
  for (const row of rows) {
    const record: AuditRecord = {
      id: String(row.id),
      actor: row.actor as string,
      command: row.command as string,
      arguments: row.arguments as Record<string, unknown>,
      startedAt: iso(row.started_at)!,
      finishedAt: iso(row.finished_at),
      result: row.result as AuditRecord['result'],
      counts: row.counts as Record<string, unknown> | null,
      error: row.error as string | null,
    };
    const signature = (record.arguments as unknown as ActArguments).signature;
    by.set(signature, [...(by.get(signature) ?? []), record]);
  }
  return by;
}

/** Letters given up on: heads released by `dlq discard` and letters a DISCARD act gave up. */
export async function readDiscarded(opsDb: Db): Promise<Discarded> {
  const rows = await opsDb('ops_audit')
    .whereIn('command', ['dlq discard', actCommandName])
    .where({ result: 'ok' })
    .select<{ command: string; arguments: Record<string, unknown> }[]>('command', 'arguments');
  const discarded: Discarded = { eventIds: new Map(), refs: new Set() };
  for (const { command, arguments: args } of rows) {
    if (
      command === 'dlq discard' &&
      typeof args.dlqTopic === 'string' &&
      typeof args.eventId === 'string'
    ) {
      const set = discarded.eventIds.get(args.dlqTopic) ?? new Set<string>();
      discarded.eventIds.set(args.dlqTopic, set.add(args.eventId));
    }
    if (command === actCommandName && Array.isArray(args.discarded))
      for (const ref of args.discarded) if (typeof ref === 'string') discarded.refs.add(ref);
  }
  return discarded;
}
