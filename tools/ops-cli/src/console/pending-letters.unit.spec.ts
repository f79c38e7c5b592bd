import { Headers } from '@o2c/kafka';
import type { KafkaMessage } from 'kafkajs';
import { DlqHeaders } from '../contracts';
import type { DeadLetterView } from '../dlq/dead-letters';
import type { JobPlan } from '../replay/job';
import {
  groupByReason,
  reasonPattern,
  redrivenOffsets,
  type StoredLetter,
} from './pending-letters';

function letter(offset: number, reason: string, originOffset = offset): StoredLetter {
  const message: KafkaMessage = {
    key: Buffer.from(`order-${offset}`),
    value: Buffer.from('{}'),
    timestamp: '1000',
    attributes: 0,
    offset: String(offset),
    headers: {
      [Headers.eventId]: `event-${offset}`,
      [DlqHeaders.reason]: reason,
      [DlqHeaders.errorClass]: 'SkuNotFoundError',
      [DlqHeaders.errorMessage]: 'no such sku',
      [DlqHeaders.originTopic]: 'orders',
      [DlqHeaders.originPartition]: '0',
      [DlqHeaders.originOffset]: String(originOffset),
    },
  };
  return { partition: 0, message };
}

const plan = (end: number, reason?: string, max?: number): JobPlan => ({
  id: 'redrive-1',
  kind: 'redrive',
  sourceTopic: 'orders.dlq.billing',
  target: null,
  ranges: [{ partition: 0, start: 0, end }],
  selector: {
    keys: [],
    types: [],
    headers: [],
    dedupeOrigin: true,
    followParked: true,
    ...(reason !== undefined ? { reason } : {}),
  },
  ...(max !== undefined ? { max } : {}),
  request: {},
});

describe('redrivenOffsets', () => {
  const letters = [
    letter(0, 'permanent'),
    letter(1, 'exhausted'),
    letter(2, 'permanent', 0),
    letter(3, 'permanent'),
  ];

  it('is empty without a completed redrive', () => {
    expect(redrivenOffsets(letters, [])).toEqual(new Set());
  });

  it('holds what a redrive selected within its ranges, and duplicates of it', () => {
    // offset 3 arrived after the plan was made (range end 3): still waiting.
    const done = redrivenOffsets(letters, [plan(3, reasonPattern('permanent SkuNotFoundError'))]);
    expect([...done].sort()).toEqual(['0/0', '0/2']);
  });

  it('stops at the plan’s max', () => {
    expect([...redrivenOffsets(letters, [plan(4, undefined, 1)])]).toEqual(['0/0']);
  });
});

describe('groupByReason', () => {
  const view = (key: string, reason: string, ageSeconds: number): DeadLetterView => ({
    partition: 0,
    offset: '0',
    key,
    eventId: null,
    eventType: null,
    reason,
    errorClass: 'E',
    errorMessage: null,
    attempts: 1,
    origin: null,
    failedAt: '',
    ageSeconds,
  });
  it('counts each reason with its oldest age and a few keys, the oldest group first', () => {
    expect(
      groupByReason([
        view('a', 'permanent', 5),
        view('b', 'exhausted', 50),
        view('a', 'permanent', 9),
      ]),
    ).toEqual([
      { reason: 'exhausted E', count: 1, oldestAgeSeconds: 50, keys: ['b'] },
      { reason: 'permanent E', count: 2, oldestAgeSeconds: 9, keys: ['a'] },
    ]);
  });
});

describe('reasonPattern', () => {
  it('matches one reason group exactly, its regex characters escaped', () => {
    const re = new RegExp(reasonPattern('permanent Error(x)'));
    expect(re.test('permanent Error(x): boom')).toBe(true);
    expect(re.test('permanent Error(x)y: boom')).toBe(false);
    expect(re.test('not permanent Error(x): boom')).toBe(false);
  });
});
