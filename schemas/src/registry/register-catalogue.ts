import type { Subject } from '../catalogue/schema-files';
import type { CcompatClient } from './ccompat-client';
import { RegistryError } from './registry-error';

/** Every subject of the catalogue is checked against all its earlier versions. */
export const SUBJECT_COMPATIBILITY = 'BACKWARD_TRANSITIVE';

export interface RegistrationRow {
  readonly subject: string;
  readonly localVersion: number;
  readonly status: 'registered' | 'unchanged' | 'would-register';
  readonly registryVersion?: number;
  readonly id?: number;
}

export interface RegisterOptions {
  readonly dryRun?: boolean;
  /** Prepended to every subject: throw-away copies for checks and tests. */
  readonly subjectPrefix?: string;
}

export const schemaText = (schema: unknown): string => JSON.stringify(schema);

/**
 * Registers every version of each subject in order, idempotently (an already registered version
 * is left alone), and sets the subject to BACKWARD_TRANSITIVE right after its first version:
 * Apicurio refuses config on a subject that does not exist yet.
 */
export async function registerCatalogue(
  client: CcompatClient,
  subjects: readonly Subject[],
  options: RegisterOptions = {},
): Promise<RegistrationRow[]> {
  const rows: RegistrationRow[] = [];
  for (const subject of subjects) {
    const name = `${options.subjectPrefix ?? ''}${subject.subject}`;
    let configured = false;
    for (const version of subject.versions) {
      const text = schemaText(version.schema);
      const existing = await client.lookup(name, text);
      const base = { subject: name, localVersion: version.version };
      if (existing) {
        rows.push({
          ...base,
          status: 'unchanged',
          registryVersion: existing.version,
          id: existing.id,
        });
      } else if (options.dryRun) {
        rows.push({ ...base, status: 'would-register' });
        continue;
      } else {
        const id = await registerOne(client, name, version.version, text);
        const registered = await client.lookup(name, text);
        rows.push({ ...base, status: 'registered', registryVersion: registered?.version, id });
      }
      if (!configured && !options.dryRun) {
        if ((await client.compatibility(name)) !== SUBJECT_COMPATIBILITY) {
          await client.setCompatibility(name, SUBJECT_COMPATIBILITY);
        }
        configured = true;
      }
    }
  }
  return rows;
}

async function registerOne(client: CcompatClient, subject: string, version: number, text: string) {
  try {
    return await client.register(subject, text);
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new RegistryError(error.code, `${subject} v${version}: ${error.message}`, error.status, {
      cause: error,
    });
  }
}
