import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { headerValue } from '@o2c/kafka';
import { DlqHeaders, parseDlqTopic, RedriveHeaders, ReplayHeaders } from '../contracts';
import { OpsError } from '../errors';

export interface Copy {
  topic: string;
  message: Message;
}

export interface SourceRef {
  topic: string;
  partition: number;
}

/**
 * The copy a replay publishes: same key, value bytes and headers (so the same event id), plus
 * where it came from and how many times it was replayed.
 */
export function replayCopy(jobId: string, target: string, from: SourceRef, m: KafkaMessage): Copy {
  const count = Number(headerValue(m.headers, ReplayHeaders.count) ?? '0') + 1;
  return {
    topic: target,
    message: {
      key: m.key,
      value: m.value,
      headers: {
        ...m.headers,
        [ReplayHeaders.replayId]: jobId,
        [ReplayHeaders.origin]: `${from.topic}/${from.partition}/${m.offset}`,
        [ReplayHeaders.count]: String(count),
        [ReplayHeaders.originTimestamp]: m.timestamp,
      },
    },
  };
}

/** A dead letter sent back to the topic it failed on, without the failure headers. */
export function redriveCopy(jobId: string, from: SourceRef, m: KafkaMessage): Copy {
  const topic = redriveTarget(from.topic, m);
  const headers: IHeaders = {};
  const dlqNames = new Set<string>(Object.values(DlqHeaders));
  for (const [name, value] of Object.entries(m.headers ?? {}))
    if (!dlqNames.has(name)) headers[name] = value;
  const count = Number(headerValue(m.headers, RedriveHeaders.count) ?? '0') + 1;
  headers[RedriveHeaders.redriveId] = jobId;
  headers[RedriveHeaders.origin] = `${from.topic}/${from.partition}/${m.offset}`;
  headers[RedriveHeaders.count] = String(count);
  return { topic, message: { key: m.key, value: m.value, headers } };
}

export function redriveTarget(dlqTopic: string, m: KafkaMessage): string {
  const topic = headerValue(m.headers, DlqHeaders.originTopic) ?? parseDlqTopic(dlqTopic)?.topic;
  if (!topic)
    throw new OpsError('FAILED', `dead letter ${dlqTopic}@${m.offset} names no source topic`);
  return topic;
}
