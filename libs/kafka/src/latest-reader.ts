import { eventCatalogue, eventTypes, upcastToLatest, type EventType } from '@o2c/contracts';
import avro from 'avsc';

/** Decodes an Avro body written with one writer schema into the shape consumers see. */
export type ReadBody = (body: Buffer) => unknown;

/** A writer schema of a catalogued event type that is no catalogued version and that the latest cannot read. */
export class UnreadableVersionError extends Error {
  readonly code = 'UNREADABLE_SCHEMA_VERSION';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnreadableVersionError';
  }
}

interface EventVersions {
  eventType: EventType;
  /** Parsing Canonical Form fingerprint → version (the newest, if two differ only in docs). */
  byFingerprint: Map<string, number>;
  latest: avro.Type;
}

const fingerprintOf = (type: avro.Type) => type.fingerprint('sha256').toString('hex');

let index: Map<string, EventVersions> | undefined;
/** Every catalogued version's fingerprint, by subject (the record's full name); built once. */
function versionIndex(): Map<string, EventVersions> {
  index ??= new Map(
    eventTypes.map((eventType) => {
      const { subject, schemas } = eventCatalogue[eventType];
      const types = schemas.map((schema) => avro.Type.forSchema(schema));
      const byFingerprint = new Map(types.map((type, i) => [fingerprintOf(type), i + 1]));
      return [subject, { eventType, byFingerprint, latest: types.at(-1)! }] as const;
    }),
  );
  return index;
}

/**
 * Which catalogued event type and version a writer schema is, by its record name and its
 * canonical form; the version is undefined for a schema of a known type no version matches.
 */
export function writerVersion(
  writer: avro.Type,
): { eventType: EventType; version: number | undefined } | undefined {
  const entry = writer.name ? versionIndex().get(writer.name) : undefined;
  if (!entry) return undefined;
  return { eventType: entry.eventType, version: entry.byFingerprint.get(fingerprintOf(writer)) };
}

/**
 * How to read bodies written with `writer` (schema `schemaId`), so consumers see only the latest
 * shape of every event type: a catalogued version is decoded as written, then upcast through
 * @o2c/contracts' upcasters; an unknown version of a known type is resolved into the latest
 * schema by Avro, or refused with a precise error; any other record is decoded as written.
 */
export function readerFor(writer: avro.Type, schemaId: number): ReadBody {
  const found = writerVersion(writer);
  if (!found) return (body): unknown => writer.fromBuffer(body) as unknown;
  const { eventType, version } = found;
  if (version !== undefined) {
    return (body) => upcastToLatest(eventType, version, writer.fromBuffer(body));
  }
  const { latest } = versionIndex().get(writer.name!)!;
  const latestVersion = eventCatalogue[eventType].version;
  let resolver: ReturnType<avro.Type['createResolver']>;
  try {
    resolver = latest.createResolver(writer);
  } catch (error) {
    throw new UnreadableVersionError(
      `${writer.name}: writer schema ${schemaId} is none of the catalogued versions ` +
        `v1..v${latestVersion}, and v${latestVersion} cannot read it: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return (body): unknown => latest.fromBuffer(body, resolver) as unknown;
}
