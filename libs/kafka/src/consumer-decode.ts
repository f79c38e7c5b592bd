import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { AvroSerde } from './avro-serde';
import { derivedEnvelope, isBare } from './derived-envelope';
import { EnvelopeError, type EventMetadata } from './envelope';
import { fromHeaders } from './event-headers';

/** Why a message could not be turned into an event; `permanent` ones will never decode. */
export class DecodeError extends Error {
  constructor(
    readonly permanent: boolean,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DecodeError';
  }
}

/** The bytes as they came off the wire, kept so a failed message can be dead-lettered verbatim. */
export interface RawMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

interface MessageBase {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Header values as strings (the first one when a name repeats). */
  headers: Record<string, string>;
  raw: RawMessage;
}

export interface DecodedMessage<T = unknown> extends MessageBase {
  ok: true;
  metadata: EventMetadata;
  value: T;
}

export interface UndecodableMessage extends MessageBase {
  ok: false;
  error: DecodeError;
}

export type ConsumedMessage<T = unknown> = DecodedMessage<T> | UndecodableMessage;

// The registry client reports a network failure as a ResponseError too (mappersmith gives it
// status 400); only "this schema id does not exist" is final.
const isTransientRegistryError = (error: unknown) => {
  const e = error as { name?: string; status?: number };
  return e.name === 'ResponseError' && e.status !== 404;
};

const stringHeaders = (headers: IHeaders): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
};

/**
 * Decodes one Kafka message into its envelope and Avro value, or says why it cannot. With
 * `deriveEnvelope` (an upstream topic), a message with no envelope header at all gets one derived
 * from the record (derived-envelope.ts) instead of failing.
 */
export async function decodeMessage<T>(
  serde: AvroSerde,
  topic: string,
  partition: number,
  message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset' | 'timestamp'>,
  { deriveEnvelope = false } = {},
): Promise<ConsumedMessage<T>> {
  const raw: RawMessage = {
    key: message.key ?? null,
    value: message.value ?? null,
    headers: message.headers ?? {},
    timestamp: message.timestamp,
  };
  const base: MessageBase = {
    topic,
    partition,
    offset: message.offset,
    key: raw.key?.toString() ?? null,
    headers: stringHeaders(raw.headers),
    raw,
  };
  let metadata: EventMetadata;
  try {
    metadata =
      deriveEnvelope && raw.value && isBare(raw.headers)
        ? derivedEnvelope(
            { topic, partition, ...message },
            base.key,
            await serde.writerName(raw.value),
          )
        : fromHeaders(raw.headers);
  } catch (error) {
    const reason =
      error instanceof EnvelopeError
        ? error.message
        : `cannot derive the envelope: ${(error as Error).message}`;
    const permanent = !isTransientRegistryError(error);
    return { ...base, ok: false, error: new DecodeError(permanent, reason, { cause: error }) };
  }
  if (!raw.value) {
    return { ...base, ok: false, error: new DecodeError(true, 'message has no value') };
  }
  try {
    const value = await serde.decode<T>(raw.value);
    return { ...base, ok: true, metadata, value };
  } catch (error) {
    const permanent = !isTransientRegistryError(error);
    const reason = `cannot decode Avro value: ${(error as Error).message}`;
    return { ...base, ok: false, error: new DecodeError(permanent, reason, { cause: error }) };
  }
}
