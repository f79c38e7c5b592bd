import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractOf, type OrderAccepted } from '@o2c/contracts';
import type { Db } from '@o2c/db';
import { toHeaders } from '@o2c/kafka';
import {
  buildOrderAcceptedV1,
  createTestDatabase,
  uniqueName,
  type TestDatabase,
} from '@o2c/testing';
import type avro from 'avsc';
import { createConsumerRuntime, type EventHandler } from '../src';
import { createTopic, drained, logger, migratedDb, produceRaw, testClients } from './fixtures';

/** The v1 schema as its file says, so the registry gets v1 exactly as producers of old wrote it. */
const v1Schema = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', '..', 'schemas', 'avro', 'sales', 'OrderAccepted.v1.avsc'),
    'utf8',
  ),
) as avro.Schema;
const v2Schema = contractOf('OrderAccepted').schema;

const v2Order = (n: number): OrderAccepted => ({
  ...buildOrderAcceptedV1(n),
  requestedDeliveryAt: Date.UTC(2026, 1, 1) + n,
  customerPurchaseOrderRef: `PO-${n}`,
});

describe('a topic holding OrderAccepted v1 and v2', () => {
  const { kafka, serde } = testClients('inbox-upcasting-test');
  let database: TestDatabase;
  let db: Db;
  const topic = uniqueName('upcast-orders');
  // Written in this order: v1, v2, v1, v2, v1, v2.
  const written = [1, 2, 3, 4, 5, 6].map((n) =>
    n % 2 === 1 ? buildOrderAcceptedV1(n) : v2Order(n),
  );
  const expected: OrderAccepted[] = written.map((order) => ({
    requestedDeliveryAt: null,
    customerPurchaseOrderRef: null,
    ...order,
  }));

  beforeAll(async () => {
    database = await createTestDatabase('inbox_upcasting');
    db = await migratedDb(database.url);
    await createTopic(kafka, topic, 1);
    const records = await Promise.all(
      written.map(async (order, i) => {
        const version = i % 2 === 0 ? 1 : 2;
        return {
          key: order.orderId,
          value: await serde.encode(version === 1 ? v1Schema : v2Schema, order),
          headers: toHeaders({
            eventId: randomUUID(),
            eventType: 'OrderAccepted',
            schemaVersion: version,
            occurredAt: Date.now(),
            correlationId: order.orderId,
            producer: 'inbox-upcasting-test',
          }),
        };
      }),
    );
    await produceRaw(kafka, topic, records);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  /** Consumes the whole topic with a new group through the consumer runtime; what the handler saw. */
  const consumeFromStart = async () => {
    const groupId = uniqueName('g-upcast');
    const seen: unknown[] = [];
    const handler: EventHandler<OrderAccepted> = (event) => {
      seen.push(event.value);
      return Promise.resolve();
    };
    const runtime = createConsumerRuntime({
      kafka,
      db,
      serde,
      groupId,
      topics: [topic],
      logger,
      handler,
    });
    await runtime.start();
    try {
      await drained(kafka, groupId, topic, { what: 'every offset committed' });
    } finally {
      await runtime.stop();
    }
    return seen;
  };

  it('is written with two schema ids, v1 and v2, both in the registry', async () => {
    const [v1Id, v2Id] = [await serde.schemaId(v1Schema), await serde.schemaId(v2Schema)];
    expect(v1Id).not.toBe(v2Id);
  });

  it('reaches the handler in the latest shape only, v1 orders with the v2 fields null', async () => {
    const seen = await consumeFromStart();
    expect(seen).toEqual(expected);
    for (const value of seen) {
      expect(value).toHaveProperty('requestedDeliveryAt');
      expect(value).toHaveProperty('customerPurchaseOrderRef');
    }
    expect(seen[0]).toMatchObject({ requestedDeliveryAt: null, customerPurchaseOrderRef: null });
    expect(seen[1]).toMatchObject({ customerPurchaseOrderRef: 'PO-2' });
  });

  it('replays the same way: a new group from the start sees the same latest shapes', async () => {
    expect(await consumeFromStart()).toEqual(expected);
  });
});
