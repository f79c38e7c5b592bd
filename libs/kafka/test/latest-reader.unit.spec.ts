import { contractOf, schemaOf } from '@o2c/contracts';
import { buildOrderAcceptedV1 } from '@o2c/testing';
import avro from 'avsc';
import type { AvroSerde } from '../src/avro-serde';
import { decodeMessage, type DecodeError } from '../src/consumer-decode';
import { toHeaders } from '../src/event-headers';
import { readerFor, UnreadableVersionError, writerVersion } from '../src/latest-reader';

const v1Order = buildOrderAcceptedV1();
const [orderAcceptedV1Schema] = contractOf('OrderAccepted').schemas;
const v1 = avro.Type.forSchema(orderAcceptedV1Schema!);
const v2 = avro.Type.forSchema(schemaOf('OrderAccepted'));
const latestSchema = schemaOf('OrderAccepted');
/** A version this build's catalogue does not know (a producer ahead of it), readable by v2. */
const ahead = avro.Type.forSchema({
  ...latestSchema,
  fields: [...latestSchema.fields, { name: 'giftNote', type: ['null', 'string'], default: null }],
});
/** Claims to be OrderAccepted but lacks fields v2 needs without a default. */
const alien = avro.Type.forSchema({
  type: 'record',
  name: 'OrderAccepted',
  namespace: 'o2c.sales',
  fields: [{ name: 'orderId', type: 'string' }],
});
const withoutDocs = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema, (key, value: unknown) => (key === 'doc' ? undefined : value)));

describe('writerVersion', () => {
  it('finds the catalogued version of a writer schema by its canonical form', () => {
    expect(writerVersion(v1)).toEqual({ eventType: 'OrderAccepted', version: 1 });
    expect(writerVersion(v2)).toEqual({ eventType: 'OrderAccepted', version: 2 });
  });

  it('ignores what the canonical form ignores (docs), as the registry may store them', () => {
    const stripped = avro.Type.forSchema(withoutDocs(orderAcceptedV1Schema) as avro.Schema);
    expect(writerVersion(stripped)).toEqual({ eventType: 'OrderAccepted', version: 1 });
  });

  it('knows the type but no version of a schema the catalogue does not hold', () => {
    expect(writerVersion(ahead)).toEqual({ eventType: 'OrderAccepted', version: undefined });
  });

  it('knows nothing of a record outside the catalogue', () => {
    expect(
      writerVersion(avro.Type.forSchema({ type: 'record', name: 'x.Thing', fields: [] })),
    ).toBeUndefined();
  });
});

describe('readerFor', () => {
  it('upcasts a v1 body to the latest shape', () => {
    expect(readerFor(v1, 1)(v1.toBuffer(v1Order))).toEqual({
      ...v1Order,
      requestedDeliveryAt: null,
      customerPurchaseOrderRef: null,
    });
  });

  it('reads a latest-version body as written', () => {
    const order = { ...v1Order, requestedDeliveryAt: 5, customerPurchaseOrderRef: 'PO-1' };
    expect(readerFor(v2, 2)(v2.toBuffer(order))).toEqual(order);
  });

  it('resolves an unknown but compatible version into the latest schema', () => {
    const order = {
      ...v1Order,
      requestedDeliveryAt: null,
      customerPurchaseOrderRef: 'PO-1',
      giftNote: 'hi',
    };
    expect(readerFor(ahead, 7)(ahead.toBuffer(order))).toEqual({ ...order, giftNote: undefined });
    expect(readerFor(ahead, 7)(ahead.toBuffer(order))).not.toHaveProperty('giftNote');
  });

  it('refuses an unknown version the latest cannot read, naming schema id and reason', () => {
    expect(() => readerFor(alien, 42)).toThrow(UnreadableVersionError);
    expect(() => readerFor(alien, 42)).toThrow(
      /^o2c\.sales\.OrderAccepted: writer schema 42 is none of the catalogued versions v1\.\.v2, and v2 cannot read it: .*channelCode/,
    );
  });

  it('decodes a record outside the catalogue as written', () => {
    const thing = avro.Type.forSchema({
      type: 'record',
      name: 'x.Thing',
      fields: [{ name: 'id', type: 'string' }],
    });
    expect(readerFor(thing, 3)(thing.toBuffer({ id: 'a' }))).toEqual({ id: 'a' });
  });
});

describe('decodeMessage of a version the latest cannot read', () => {
  it('is a permanent DecodeError whose reason names subject, schema id and cause', async () => {
    const serde = {
      decode: (buffer: Buffer) =>
        Promise.resolve().then(() => readerFor(alien, buffer.readInt32BE(1))(buffer.subarray(5))),
    } as unknown as AvroSerde;
    const value = Buffer.concat([
      Buffer.from([0, 0, 0, 0, 42]),
      alien.toBuffer({ orderId: 'o-1' }),
    ]);
    const headers = toHeaders({
      eventId: '00000000-0000-4000-8000-000000000001',
      eventType: 'OrderAccepted',
      schemaVersion: 3,
      occurredAt: 0,
      correlationId: 'o-1',
      producer: 'test',
    });
    const message = { key: null, value, headers, offset: '0', timestamp: '0' };
    const decoded = await decodeMessage(serde, 'sales.orders', 0, message);
    expect(decoded.ok).toBe(false);
    const { error } = decoded as { error: DecodeError };
    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(
      /^cannot decode Avro value: o2c\.sales\.OrderAccepted: writer schema 42 is none of the catalogued versions/,
    );
  });
});
