import { randomUUID } from 'node:crypto';
import { contractOf } from '@o2c/contracts';
import { buildOrderSubmitted, testInfra } from '@o2c/testing';
import * as avro from 'avsc';
import { CloudEvent, Kafka } from 'cloudevents';
import { header, startHarness, until, type Harness, type Seen } from './harness';
import { UNPUBLISHED } from '@o2c/outbox';

interface OutboxRow {
  key: string;
  event_type: string;
}

describe('order-intake consuming channels.orders', () => {
  let h: Harness;
  let salesOrders: Seen[];
  let deadLetters: Seen[];
  beforeAll(async () => {
    h = await startHarness();
    salesOrders = await h.collect(`${h.prefix}sales.orders`);
    deadLetters = await h.collect(h.dlqTopic);
  });
  afterAll(() => h?.stop());

  const acceptedFor = (ref: string) =>
    salesOrders.filter(
      (m) =>
        m.type === 'OrderAccepted' &&
        (m.value as { channelOrderRef?: string }).channelOrderRef === ref,
    );
  const processed = (eventId: string) =>
    until(
      async () => ((await h.db('inbox').where({ event_id: eventId })).length ? true : undefined),
      `inbox row of ${eventId}`,
    );

  it('turns an OrderSubmitted into an OrderAccepted caused by it', async () => {
    const submitted = buildOrderSubmitted();
    const eventId = await h.submit(submitted);
    const [accepted] = await until(() => {
      const found = acceptedFor(submitted.channelOrderRef);
      return found.length ? found : undefined;
    }, 'OrderAccepted');
    expect(accepted!.value).toMatchObject({
      channelCode: 'webshop',
      customerId: 'CUST-001',
      warehouseCode: 'WH2',
      totalMinor: 35_000,
      shipTo: { name: 'Deco Addict', countryCode: 'BE' },
    });
    expect(header(accepted!.headers, 'causation-id')).toBe(eventId);
  });

  it('rejects a business-invalid submission with reasons instead of dead-lettering it', async () => {
    const submitted = buildOrderSubmitted({ customerRef: null, lines: [] });
    await h.submit(submitted);
    const rejected = await until(
      () =>
        salesOrders.find(
          (m) =>
            m.type === 'OrderRejected' &&
            (m.value as { channelOrderRef?: string }).channelOrderRef === submitted.channelOrderRef,
        ),
      'OrderRejected',
    );
    expect(
      (rejected.value as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code),
    ).toEqual(['MISSING_CUSTOMER', 'EMPTY_ORDER']);
  });

  it('accepts an order once whether it is redelivered or submitted again under a new event id', async () => {
    const submitted = buildOrderSubmitted();
    const eventId = await h.submit(submitted);
    await h.submit(submitted, eventId); // redelivery: the inbox skips it
    const resubmitted = await h.submit({ ...submitted, submittedAt: submitted.submittedAt + 1 });
    // Same key, same partition: once the last one is in the inbox, all three were handled.
    await processed(resubmitted);

    const rows = await h.db<OutboxRow>('outbox').where({ event_type: 'OrderAccepted' });
    const orders = await h.db('orders').where({ channel_order_ref: submitted.channelOrderRef });
    expect(orders).toHaveLength(1);
    const mine = rows.filter((r) => r.key === (orders[0] as { order_id: string }).order_id);
    expect(mine).toHaveLength(1);
    await until(async () => {
      const left = await h.db<OutboxRow>('outbox').whereRaw(UNPUBLISHED).count({ n: '*' });
      return Number(left[0]!.n) === 0 ? true : undefined;
    }, 'outbox drained');
    await until(() => (acceptedFor(submitted.channelOrderRef).length ? true : undefined), 'read');
    expect(acceptedFor(submitted.channelOrderRef)).toHaveLength(1);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    const duplicates = /inbox_messages_total\{[^}]*outcome="duplicate"[^}]*\} (\d+)/.exec(metrics);
    expect(Number(duplicates?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('dead-letters undecodable bytes with the reason, and goes on with the next order', async () => {
    const key = `BAD-${randomUUID().slice(0, 8)}`;
    await h.sendRaw(key, Buffer.from('not avro at all'), { 'event-id': randomUUID() });
    const next = buildOrderSubmitted({ channelOrderRef: key }); // same key → same partition, after it
    await h.submit(next);

    const dead = await until(
      () =>
        deadLetters.find((m) => header(m.headers, 'dlq-origin-topic')?.endsWith('channels.orders')),
      'dead letter',
    );
    expect(header(dead.headers, 'dlq-reason')).toBe('permanent');
    expect(header(dead.headers, 'dlq-error-message')).toBeTruthy();
    expect(Buffer.from(dead.value as Buffer).toString()).toBe('not avro at all');
    await until(() => (acceptedFor(key).length ? true : undefined), 'next order accepted');
  });

  // What any Confluent serializer does, without our libraries: the schema under its record-name
  // subject (registered, or found when it is there), then 0x00, the 4-byte id, the Avro body.
  const confluentFramed = async (submitted: ReturnType<typeof buildOrderSubmitted>) => {
    const { subject, schema } = contractOf('OrderSubmitted');
    const res = await fetch(
      `${testInfra.registryUrl}/subjects/${encodeURIComponent(subject)}/versions`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: JSON.stringify(schema) }),
      },
    );
    const { id } = (await res.json()) as { id: number };
    const prefix = Buffer.alloc(5);
    prefix.writeInt32BE(id, 1);
    return Buffer.concat([prefix, avro.Type.forSchema(schema).toBuffer(submitted)]);
  };
  const acceptedOnce = (ref: string) =>
    until(() => {
      const found = acceptedFor(ref);
      return found.length ? found : undefined;
    }, `OrderAccepted of ${ref}`);

  it('accepts a plain Confluent-framed Avro OrderSubmitted with no envelope headers, as a standard serializer sends it', async () => {
    const submitted = buildOrderSubmitted();
    await h.sendRaw(submitted.channelOrderRef, await confluentFramed(submitted));

    const [accepted] = await acceptedOnce(submitted.channelOrderRef);
    // Its derived event id (from topic, partition and offset) caused the decision and is the
    // inbox's dedupe key.
    const causation = header(accepted!.headers, 'ce_causationid') ?? '';
    expect(causation).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(await h.db('inbox').where({ event_id: causation })).toHaveLength(1);
  });

  it('accepts an OrderSubmitted CloudEvent sent with the official SDK once, and answers in CloudEvents', async () => {
    const submitted = buildOrderSubmitted();
    const event = new CloudEvent({
      id: `shop-${randomUUID()}`, // any string: CloudEvents ids are unique per source
      source: 'urn:shop:webstore',
      type: 'o2c.OrderSubmitted',
      subject: submitted.channelOrderRef,
      datacontenttype: 'application/avro',
      data: await confluentFramed(submitted),
    });
    const message = Kafka.binary(event);
    // The SDK leaves unset attributes as undefined headers, which kafkajs cannot encode.
    const headers = Object.fromEntries(
      Object.entries(message.headers).filter(([, v]) => v !== undefined),
    );
    await h.sendRaw(submitted.channelOrderRef, message.value as Buffer, headers);
    await h.sendRaw(submitted.channelOrderRef, message.value as Buffer, headers); // sent twice

    const [accepted] = await acceptedOnce(submitted.channelOrderRef);
    const received = {
      key: submitted.channelOrderRef,
      value: Buffer.alloc(1),
      body: Buffer.alloc(1),
      headers: Object.fromEntries(
        Object.keys(accepted!.headers).map((name) => [name, header(accepted!.headers, name)]),
      ),
    } as Parameters<typeof Kafka.toEvent>[0];
    const answer = Kafka.toEvent(received) as CloudEvent<unknown>;
    expect(answer).toMatchObject({ type: 'o2c.OrderAccepted', source: '/o2c/order-intake' });
    // The inbox key is derived from source and id, so the second copy was skipped.
    const inboxKey = String(answer.causationid);
    await processed(inboxKey);
    expect(await h.db('inbox').where({ event_id: inboxKey })).toHaveLength(1);
    await h.submit(buildOrderSubmitted()); // a later order on the topic: the copies were read
    await until(
      () => (acceptedFor(submitted.channelOrderRef).length === 1 ? true : undefined),
      'one accept',
    );
    expect(acceptedFor(submitted.channelOrderRef)).toHaveLength(1);
  });

  it('accepts a submission in the original header format, as a producer of an older release sends it', async () => {
    const submitted = buildOrderSubmitted();
    const eventId = randomUUID();
    await h.sendRaw(submitted.channelOrderRef, await confluentFramed(submitted), {
      'event-id': eventId,
      'event-type': 'OrderSubmitted',
      'schema-version': '1',
      'occurred-at': new Date().toISOString(),
      'correlation-id': submitted.channelOrderRef,
      producer: 'shop-connector-v1',
    });
    const [accepted] = await acceptedOnce(submitted.channelOrderRef);
    expect(header(accepted!.headers, 'ce_causationid')).toBe(eventId);
    await processed(eventId);
  });

  it('dead-letters a bare message that is not Confluent-framed Avro, naming why', async () => {
    await h.sendRaw(`BARE-${randomUUID().slice(0, 8)}`, Buffer.from('{"plain":"json"}'));
    const dead = await until(
      () =>
        deadLetters.find((m) =>
          header(m.headers, 'dlq-error-message')?.includes('Confluent wire format'),
        ),
      'dead letter of the bare JSON',
    );
    expect(header(dead.headers, 'dlq-reason')).toBe('permanent');
  });

  it('dead-letters a well-encoded event of the wrong type as permanent, with its code', async () => {
    const ref = `WRONG-${randomUUID().slice(0, 8)}`;
    await h.sendEvent(
      'OrderCancelled',
      {
        orderId: ref,
        reasonCode: 'X',
        reasonText: null,
        cancelledBy: 'channel',
        cancelledAt: Date.now(),
      },
      ref,
    );
    const dead = await until(
      () =>
        deadLetters.find((m) => header(m.headers, 'dlq-error-code') === 'UNEXPECTED_EVENT_TYPE'),
      'dead letter of the wrong type',
    );
    expect(header(dead.headers, 'dlq-reason')).toBe('permanent');
    expect(header(dead.headers, 'event-type')).toBe('OrderCancelled');
  });
});
