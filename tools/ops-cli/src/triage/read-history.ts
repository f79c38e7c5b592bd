import type { Db } from '@o2c/db';
import { toRecord, type AuditRecord } from '../audit/audited';
import { actCommandName, type ActArguments } from './history';
import type { Discarded } from './read-letter-failures';

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
    const record = toRecord(row);
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
