import type { KafkaMessage } from 'kafkajs';
import { eventIdOf, eventTypeOf, headerValue } from '@o2c/kafka';
import { DlqHeaders } from '../contracts';

/** Which messages of a range a job re-publishes (serializable: it is part of the stored plan). */
export interface SelectorSpec {
  keys: string[];
  types: string[];
  headers: [string, string][];
  /** Regex on the dead letter's failure reason. */
  reason?: string;
  /** Only messages that failed (or were written) before this instant, epoch ms. */
  before?: number;
  /** Skip messages carrying this header (the loop guard), unless undefined. */
  loopGuardHeader?: string;
  /** Dead letters are published at least once: select one per origin topic/partition/offset. */
  dedupeOrigin?: boolean;
  /**
   * Redrive: also select the letters parked behind a selected one (`dlq-parked-behind` names its
   * event id), so a key's order comes back whole. They follow their head in its partition.
   */
  followParked?: boolean;
}

export type Verdict = 'selected' | 'loop-guard' | 'filtered' | 'duplicate';

export type Select = (message: KafkaMessage) => Verdict;

export function createSelector(spec: SelectorSpec): Select {
  const keys = new Set(spec.keys);
  const types = new Set(spec.types);
  const reason = spec.reason === undefined ? undefined : new RegExp(spec.reason);
  const origins = new Set<string>();
  const heads = new Set<string>();
  const matches = (message: KafkaMessage): boolean => {
    const { headers } = message;
    const behind = headerValue(headers, DlqHeaders.parkedBehind);
    if (spec.followParked && behind !== undefined && heads.has(behind)) return true;
    if (keys.size > 0 && !keys.has(message.key?.toString() ?? '')) return false;
    if (types.size > 0 && !types.has(eventTypeOf(headers) ?? '')) return false;
    for (const [name, value] of spec.headers)
      if (headerValue(headers, name) !== value) return false;
    if (reason && !reason.test(failureText(message))) return false;
    if (spec.before !== undefined && failedAt(message) >= spec.before) return false;
    return true;
  };
  return (message) => {
    const { headers } = message;
    if (spec.loopGuardHeader && headerValue(headers, spec.loopGuardHeader) !== undefined)
      return 'loop-guard';
    if (!matches(message)) return 'filtered';
    if (spec.dedupeOrigin) {
      const origin = originOf(message);
      if (origin !== undefined && origins.has(origin)) return 'duplicate';
      if (origin !== undefined) origins.add(origin);
    }
    const eventId = eventIdOf(headers);
    if (spec.followParked && eventId !== undefined) heads.add(eventId);
    return 'selected';
  };
}

/** When a dead letter failed: its failed-at header, else its Kafka timestamp. */
export function failedAt(message: KafkaMessage): number {
  const header = Date.parse(headerValue(message.headers, DlqHeaders.failedAt) ?? '');
  return Number.isNaN(header) ? Number(message.timestamp) : header;
}

/** What --reason matches: `<reason> <error class>: <error message>` of a dead letter. */
export function failureText(message: KafkaMessage): string {
  const h = (name: string) => headerValue(message.headers, name) ?? '';
  return `${h(DlqHeaders.reason)} ${h(DlqHeaders.errorClass)}: ${h(DlqHeaders.errorMessage)}`;
}

function originOf(message: KafkaMessage): string | undefined {
  const h = (name: string) => headerValue(message.headers, name);
  const topic = h(DlqHeaders.originTopic);
  return topic === undefined
    ? undefined
    : `${topic}/${h(DlqHeaders.originPartition)}/${h(DlqHeaders.originOffset)}`;
}
