import { DlqHeaders } from '../contracts';
import { patternRegex } from './signature';
import type { Failure, FailureGroup } from './types';

/** One `dlq redrive` of a group's letters in one dead-letter topic, as the CLI takes it. */
export interface RedriveSelection {
  dlqTopic: string;
  /** `--reason`: `<reason> <error class>: <message>` with the group's pattern as regex. */
  reason: string;
  types: string[];
  headers: [string, string][];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The redrives that select exactly a group's open letters: per dead-letter topic, its error
 * class, code and event type, and its message pattern turned back into a regex. The reason
 * (permanent, exhausted, crashed) is not part of the signature, so any reason matches.
 */
export function redriveSelections(
  group: FailureGroup,
  failures: readonly Failure[],
): RedriveSelection[] {
  const byTopic = new Map<string, Failure>();
  for (const f of failures)
    if (f.dlqTopic !== null && !byTopic.has(f.dlqTopic)) byTopic.set(f.dlqTopic, f);
  return [...byTopic.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dlqTopic, sample]) => {
      const errorClass = sample.letterErrorClass ?? '';
      const code = sample.letterErrorCode ?? null;
      return {
        dlqTopic,
        reason: `^\\S+ ${escape(errorClass)}: ${patternRegex(group.pattern.message)}$`,
        types: group.pattern.eventType ? [group.pattern.eventType] : [],
        headers: code === null ? [] : [[DlqHeaders.errorCode, code]],
      };
    });
}

/** A shell word: bare when safe, else single-quoted. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The `o2c-ops dlq redrive` command line of a selection (dry run unless execute). */
export function redriveCommand(selection: RedriveSelection, execute: boolean): string {
  const words = ['o2c-ops', 'dlq', 'redrive', selection.dlqTopic];
  words.push('--reason', selection.reason);
  for (const type of selection.types) words.push('--type', type);
  for (const [name, value] of selection.headers) words.push('--header', `${name}=${value}`);
  if (execute) words.push('--execute');
  return words.map(shellWord).join(' ');
}

/** `o2c-ops triage act`, the audited way to run the same action. */
export function actCommand(signature: string, kind: string, execute: boolean): string {
  return `o2c-ops triage act ${signature} --action ${kind}${execute ? ' --execute' : ''}`;
}
