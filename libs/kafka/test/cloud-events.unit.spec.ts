import { CloudEvent, Kafka } from 'cloudevents';

type KafkaMessage = Parameters<typeof Kafka.toEvent>[0];
import {
  EnvelopeError,
  fromHeaders,
  Headers,
  sequenceHeaders,
  toHeaders,
  type EventMetadata,
} from '../src';
import { isBare } from '../src/derived-envelope';
import { toLegacyHeaders } from '../src/envelope';

const meta: EventMetadata = {
  eventId: '0b7c6a3e-4f7e-4a57-9a0e-3f5b2b1c9d10',
  eventType: 'OrderAccepted',
  schemaVersion: 2,
  occurredAt: Date.parse('2026-12-04T10:15:30.123Z'),
  correlationId: 'order-42',
  causationId: '5d1a9e0c-8f00-4a8e-b0f4-6b4a2c9e7d31',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  producer: 'order-intake',
  aggregateSequence: 7,
};
const value = Buffer.from([0, 0, 0, 0, 1, 2, 3]);

describe('CloudEvents envelope (Kafka binding, binary mode)', () => {
  it('is a valid CloudEvent to the official SDK, with our extensions', () => {
    const headers = toHeaders(meta, { set: 'cloudevents', subject: 'order-42' });
    const message = { key: 'order-42', value, body: value, headers } as KafkaMessage;
    expect(Kafka.isEvent(message)).toBe(true);
    const event = Kafka.toEvent(message) as CloudEvent<unknown>;
    expect(() => event.validate()).not.toThrow();
    expect(event).toMatchObject({
      specversion: '1.0',
      id: meta.eventId,
      source: '/o2c/order-intake',
      type: 'o2c.OrderAccepted',
      time: '2026-12-04T10:15:30.123Z',
      subject: 'order-42',
      datacontenttype: 'application/avro',
      correlationid: 'order-42',
      causationid: meta.causationId,
      schemaversion: '2',
      sequence: '00000000000000000007',
      traceparent: meta.traceparent,
    });
    // The protocol-level trace header stays, for tracers that read only it.
    expect(headers[Headers.traceparent]).toBe(meta.traceparent);
    expect(headers[Headers.eventId]).toBeUndefined();
  });

  it('reads back what it writes, in either header set, and the original headers alone', () => {
    expect(fromHeaders(toHeaders(meta, { set: 'cloudevents', subject: 'x' }))).toEqual(meta);
    expect(fromHeaders(toHeaders(meta, { set: 'both' }))).toEqual(meta);
    expect(fromHeaders(toLegacyHeaders(meta))).toEqual(meta);
  });

  it('writes both sets by default, so consumers of older releases keep reading', () => {
    const headers = toHeaders(meta);
    expect(headers[Headers.eventId]).toBe(meta.eventId);
    expect(headers[Headers.eventType]).toBe('OrderAccepted');
    expect(headers.ce_id).toBe(meta.eventId);
  });

  it('names the headers that carry the sequence, padded as toHeaders pads them', () => {
    for (const set of ['both', 'cloudevents'] as const) {
      const unsequenced = { ...meta, aggregateSequence: undefined };
      const withSequence = toHeaders(meta, { set });
      const carrying = Object.keys(withSequence).filter(
        (name) => !(name in toHeaders(unsequenced, { set })),
      );
      const named = sequenceHeaders(set);
      expect(named.map((h) => h.name).sort()).toEqual(carrying.sort());
      for (const { name, width } of named)
        expect(withSequence[name]).toBe(width ? '7'.padStart(width, '0') : '7');
    }
  });

  it('prefers the CloudEvents headers when both sets disagree', () => {
    const headers = { ...toHeaders(meta), [Headers.eventId]: 'stale-id' };
    expect(fromHeaders(headers).eventId).toBe(meta.eventId);
  });

  it('reads an event produced with the official SDK by a system outside the platform', () => {
    const event = new CloudEvent({
      id: 'upstream-1',
      source: 'urn:shop:webstore',
      type: 'o2c.OrderSubmitted',
      subject: 'WEB-1001',
      datacontenttype: 'application/avro',
      time: '2026-12-04T09:00:00.000Z',
      data: value,
    });
    const message = Kafka.binary(event);
    const read = fromHeaders(message.headers);
    expect(read).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5/) as unknown,
      eventType: 'OrderSubmitted',
      schemaVersion: 0,
      occurredAt: Date.parse('2026-12-04T09:00:00.000Z'),
      correlationId: 'WEB-1001',
      producer: 'urn:shop:webstore',
    });
    // Unique per source and id, as CloudEvents defines it, and stable for the inbox to dedupe.
    const again = Kafka.binary(new CloudEvent({ ...event, source: 'urn:shop:webstore' }));
    const elsewhere = Kafka.binary(new CloudEvent({ ...event, source: 'urn:shop:other' }));
    expect(fromHeaders(again.headers).eventId).toBe(read.eventId);
    expect(fromHeaders(elsewhere.headers).eventId).not.toBe(read.eventId);
  });

  it('orders sequences lexicographically, as the sequence extension requires', () => {
    const seq = (n: number) =>
      toHeaders({ ...meta, aggregateSequence: n }, { set: 'cloudevents' }).ce_sequence!;
    expect([seq(10), seq(9), seq(100)].sort()).toEqual([seq(9), seq(10), seq(100)]);
  });

  it.each([
    [{ ce_specversion: '0.3' }, "unsupported 'ce_specversion' 0.3 (expected 1.0)"],
    [{ ce_id: '' }, "missing CloudEvents header 'ce_id'"],
    [{ ce_time: 'yesterday' }, "invalid 'ce_time' header"],
    [{ ce_sequence: '-1' }, "invalid 'ce_sequence' header"],
  ])('refuses a broken envelope %p with a precise reason', (change, reason) => {
    const headers = { ...toHeaders(meta, { set: 'cloudevents' }), ...change };
    expect(() => fromHeaders(headers)).toThrow(new EnvelopeError(reason));
  });

  it('counts a message as bare only when it carries neither envelope', () => {
    expect(isBare({ traceparent: meta.traceparent!, 'content-type': 'application/avro' })).toBe(
      true,
    );
    expect(isBare({ ce_id: 'x' })).toBe(false);
    expect(isBare({ 'event-id': 'x' })).toBe(false);
  });
});
