import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { schema } from 'avsc';
import { CatalogueError } from './catalogue-error';

export type RecordSchema = schema.RecordType;

/** One `<domain>/<EventType>.v<N>.avsc` file. */
export interface SchemaVersion {
  /** Path relative to the avro directory, e.g. `sales/OrderAccepted.v2.avsc`. */
  readonly file: string;
  readonly domain: string;
  /** The event type the file name claims; lint checks the record name agrees. */
  readonly eventType: string;
  readonly version: number;
  readonly schema: RecordSchema;
}

/** All versions of one event type, oldest first, registered under one record-name subject. */
export interface Subject {
  readonly subject: string;
  readonly eventType: string;
  readonly domain: string;
  readonly versions: readonly SchemaVersion[];
}

const FILE_NAME = /^([A-Z][A-Za-z0-9]*)\.v([1-9][0-9]*)\.avsc$/;

export const namespaceOf = (domain: string): string => `o2c.${domain}`;

export function readSchemaVersion(avroDir: string, path: string): SchemaVersion {
  const file = relative(avroDir, path).split('\\').join('/');
  const [domain, fileName, ...rest] = file.split('/');
  const match = FILE_NAME.exec(fileName ?? '');
  if (!domain || !match || rest.length > 0) {
    throw new CatalogueError(
      'INVALID_FILE_NAME',
      `${file}: expected <domain>/<EventType>.v<N>.avsc, e.g. sales/OrderAccepted.v1.avsc`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogueError('INVALID_JSON', `${file}: not valid JSON`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CatalogueError('INVALID_SCHEMA', `${file}: top level must be a record schema`);
  }
  return {
    file,
    domain,
    eventType: match[1]!,
    version: Number(match[2]),
    schema: parsed as RecordSchema,
  };
}

/** Reads every .avsc file under `avroDir` and groups them into subjects. */
export function loadSubjects(avroDir: string): Subject[] {
  const versions = readdirSync(avroDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.avsc'))
    .map((name) => readSchemaVersion(avroDir, join(avroDir, name)));
  return groupSubjects(versions);
}

export function groupSubjects(versions: readonly SchemaVersion[]): Subject[] {
  const bySubject = new Map<string, SchemaVersion[]>();
  for (const version of versions) {
    const subject = `${namespaceOf(version.domain)}.${version.eventType}`;
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), version]);
  }
  return [...bySubject.entries()]
    .map(([subject, list]) => {
      const sorted = [...list].sort((a, b) => a.version - b.version);
      sorted.forEach((version, index) => {
        if (version.version !== index + 1) {
          throw new CatalogueError(
            'VERSION_GAP',
            `${subject}: versions must be 1..n without gaps, found ${sorted.map((v) => `v${v.version}`).join(', ')}`,
          );
        }
      });
      const first = sorted[0]!;
      return { subject, eventType: first.eventType, domain: first.domain, versions: sorted };
    })
    .sort((a, b) => a.subject.localeCompare(b.subject));
}

export const latestOf = (subject: Subject): SchemaVersion => subject.versions.at(-1)!;
