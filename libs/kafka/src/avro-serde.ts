import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import {
  defaultRegistryRetryPolicy,
  lookupOrRegisterSchema,
  type RegistryRetryPolicy,
} from './register-schema';
import { readerFor, type ReadBody } from './latest-reader';

/** Raised when a value does not fit its schema; the caller's transaction must fail. */
export class SchemaMismatchError extends Error {
  constructor(
    readonly subject: string,
    readonly paths: string[],
  ) {
    super(`value does not match schema ${subject}: invalid at ${paths.join(', ') || '(root)'}`);
    this.name = 'SchemaMismatchError';
  }
}

export interface AvroSerde {
  /** Confluent wire format: 0x00, 4-byte schema id, Avro body. Registers the schema on first use. */
  encode(schema: avro.Schema, value: unknown): Promise<Buffer>;
  /**
   * Decodes any message written in the wire format, fetching the writer schema by id. An event
   * type of the catalogue comes out in its latest shape, whatever version wrote it
   * (latest-reader.ts); how to read each schema id is worked out once and cached.
   */
  decode<T = unknown>(buffer: Buffer): Promise<T>;
  /** The registry id of a schema (registered if new), cached per schema text. */
  schemaId(schema: avro.Schema): Promise<number>;
  /** The full record name of the schema a wire-format message was written with. */
  writerName(buffer: Buffer): Promise<string>;
}

export interface AvroSerdeOptions {
  /** Retries of a registration the registry failed transiently (default 6, 100 ms to 3 s). */
  retry?: Partial<RegistryRetryPolicy>;
}

/**
 * Avro serde through a Confluent-compatible registry. Subjects follow the record-name strategy
 * (`<namespace>.<name>`), so several event types can share a topic. Registering a new subject
 * is safe from any number of processes at once; an unreachable registry surfaces as
 * `SchemaRegistryUnavailableError` after the retries.
 */
export function createAvroSerde(
  registry: SchemaRegistry,
  options: AvroSerdeOptions = {},
): AvroSerde {
  const retry = { ...defaultRegistryRetryPolicy, ...options.retry };
  const ids = new Map<string, Promise<number>>();
  const types = new Map<string, avro.Type>();
  const readers = new Map<number, Promise<ReadBody>>();

  const readerOf = (id: number) => {
    let reader = readers.get(id);
    if (!reader) {
      reader = registry.getSchema(id).then((writer) => readerFor(writer as avro.Type, id));
      reader.catch(() => readers.delete(id));
      readers.set(id, reader);
    }
    return reader;
  };

  const typeOf = (schema: avro.Schema) => {
    const text = JSON.stringify(schema);
    let type = types.get(text);
    if (!type) {
      type = avro.Type.forSchema(schema);
      types.set(text, type);
    }
    return { text, type };
  };

  const schemaId = (schema: avro.Schema) => {
    const { text, type } = typeOf(schema);
    let id = ids.get(text);
    if (!id) {
      id = lookupOrRegisterSchema(registry, type.name ?? 'anonymous', text, retry);
      id.catch(() => ids.delete(text));
      ids.set(text, id);
    }
    return id;
  };

  return {
    schemaId,
    async encode(schema, value) {
      const { type } = typeOf(schema);
      const paths: string[] = [];
      if (!type.isValid(value, { errorHook: (path) => paths.push(path.join('.')) })) {
        throw new SchemaMismatchError(type.name ?? 'anonymous', paths);
      }
      const id = await schemaId(schema);
      const body = type.toBuffer(value);
      const header = Buffer.alloc(5);
      header.writeUInt8(0, 0);
      header.writeInt32BE(id, 1);
      return Buffer.concat([header, body]);
    },
    async decode<T>(buffer: Buffer) {
      const read = await readerOf(schemaIdOf(buffer));
      return read(buffer.subarray(5)) as T;
    },
    async writerName(buffer) {
      const schema = (await registry.getSchema(schemaIdOf(buffer))) as { name?: string };
      if (!schema.name) throw new Error('the writer schema has no record name');
      return schema.name;
    },
  };
}

function schemaIdOf(buffer: Buffer): number {
  if (buffer.length < 5 || buffer.readUInt8(0) !== 0)
    throw new Error('not in the Confluent wire format (magic byte 0, schema id)');
  return buffer.readInt32BE(1);
}
