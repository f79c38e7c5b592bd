import type { KafkaMessage } from 'kafkajs';
import { createSelector } from './selector';
import { redriveCopy, replayCopy } from './rewrite';

const message = (key: string, headers: Record<string, string>, offset = '7'): KafkaMessage => ({
  key: Buffer.from(key),
  value: Buffer.from('payload'),
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
  offset,
  timestamp: '1000',
  attributes: 0,
});

describe('createSelector', () => {
  const accepted = message('order-1', {
    'event-type': 'OrderAccepted',
    'event-id': 'e1',
    tenant: 'a',
  });

  it('selects everything when no filter is given', () => {
    expect(createSelector({ keys: [], types: [], headers: [] })(accepted)).toBe('selected');
  });

  it('with followParked, also selects the letters parked behind a selected one, in stream order', () => {
    const head = message('order-1', { 'event-id': 'h1', 'event-type': 'OrderAccepted' }, '1');
    const parked = message('order-1', { 'event-id': 'p1', 'dlq-parked-behind': 'h1' }, '2');
    const other = message('order-2', { 'event-id': 'p2', 'dlq-parked-behind': 'h9' }, '3');
    const spec = { keys: [], types: ['OrderAccepted'], headers: [] };

    const follow = createSelector({ ...spec, followParked: true });
    expect([head, parked, other].map(follow)).toEqual(['selected', 'selected', 'filtered']);
    const plain = createSelector(spec);
    expect([head, parked, other].map(plain)).toEqual(['selected', 'filtered', 'filtered']);
  });

  it('filters by key, type and header predicates', () => {
    expect(createSelector({ keys: ['order-2'], types: [], headers: [] })(accepted)).toBe(
      'filtered',
    );
    expect(createSelector({ keys: [], types: ['OrderRejected'], headers: [] })(accepted)).toBe(
      'filtered',
    );
    expect(createSelector({ keys: [], types: [], headers: [['tenant', 'b']] })(accepted)).toBe(
      'filtered',
    );
    expect(
      createSelector({ keys: ['order-1'], types: ['OrderAccepted'], headers: [['tenant', 'a']] })(
        accepted,
      ),
    ).toBe('selected');
  });

  it('applies the loop guard before any filter', () => {
    const replayed = message('order-1', { 'replay-id': 'r1' });
    const select = createSelector({
      keys: [],
      types: [],
      headers: [],
      loopGuardHeader: 'replay-id',
    });
    expect(select(replayed)).toBe('loop-guard');
  });

  it('selects dead letters by reason and age', () => {
    const dead = message('k', {
      'dlq-reason': 'SKU not found',
      'dlq-failed-at': '2026-01-01T00:00:00Z',
    });
    const before = Date.parse('2026-01-02T00:00:00Z');
    expect(createSelector({ keys: [], types: [], headers: [], reason: 'SKU', before })(dead)).toBe(
      'selected',
    );
    expect(createSelector({ keys: [], types: [], headers: [], reason: '^timeout' })(dead)).toBe(
      'filtered',
    );
    expect(createSelector({ keys: [], types: [], headers: [], before: 0 })(dead)).toBe('filtered');
  });
});

describe('replayCopy', () => {
  it('keeps key, value and headers and counts replays', () => {
    const copy = replayCopy(
      'r2',
      'sales.orders',
      { topic: 'src', partition: 1 },
      message('k', { 'event-id': 'e1', 'replay-count': '1' }),
    );
    expect(copy.topic).toBe('sales.orders');
    expect(copy.message.key?.toString()).toBe('k');
    expect(copy.message.value?.toString()).toBe('payload');
    expect(copy.message.headers).toMatchObject({
      'event-id': Buffer.from('e1'),
      'replay-id': 'r2',
      'replay-origin': 'src/1/7',
      'replay-count': '2',
      'replay-origin-timestamp': '1000',
    });
  });
});

describe('redriveCopy', () => {
  it('sends the dead letter to its origin topic without the failure headers', () => {
    const dead = message('k', {
      'event-id': 'e1',
      'dlq-origin-topic': 'sales.orders',
      'dlq-reason': 'boom',
    });
    const copy = redriveCopy('d1', { topic: 'sales.orders.dlq.billing', partition: 0 }, dead);
    expect(copy.topic).toBe('sales.orders');
    expect(Object.keys(copy.message.headers ?? {}).sort()).toEqual([
      'event-id',
      'redrive-count',
      'redrive-id',
      'redrive-origin',
    ]);
  });

  it('falls back to the DLQ topic name for the origin', () => {
    const copy = redriveCopy(
      'd1',
      { topic: 'sales.orders.dlq.billing', partition: 0 },
      message('k', {}),
    );
    expect(copy.topic).toBe('sales.orders');
  });
});
