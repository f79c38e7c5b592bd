import { randomUUID } from 'node:crypto';
import type { Subject } from '../catalogue/schema-files';
import type { CcompatClient } from './ccompat-client';
import { registerCatalogue, schemaText } from './register-catalogue';
import { RegistryError } from './registry-error';

export interface RegistryCheckOptions {
  /** Prefix of the throw-away subjects (default: a random one). */
  readonly scratchPrefix?: string;
  /** Prefix of the live subjects to compare with (default none: the real subjects). */
  readonly livePrefix?: string;
}

/**
 * Lets the registry judge the catalogue, twice: (1) every subject's versions are registered in
 * order into a throw-away subject set to BACKWARD_TRANSITIVE, then deleted; (2) every local
 * version not yet in the live subject is tested against each version registered there
 * (POST /compatibility/subjects/{s}/versions/{v}). Returns the problems found.
 */
export async function checkAgainstRegistry(
  client: CcompatClient,
  subjects: readonly Subject[],
  options: RegistryCheckOptions = {},
): Promise<string[]> {
  const scratchPrefix = options.scratchPrefix ?? `schemas-check-${randomUUID().slice(0, 8)}.`;
  const problems: string[] = [];
  for (const subject of subjects) {
    try {
      await registerCatalogue(client, [subject], { subjectPrefix: scratchPrefix });
    } catch (error) {
      if (!(error instanceof RegistryError) || error.code !== 'REGISTRY_INCOMPATIBLE') throw error;
      problems.push(`${subject.subject}: the registry refuses the version chain: ${error.message}`);
    } finally {
      await client.deleteSubject(`${scratchPrefix}${subject.subject}`);
    }
    problems.push(...(await checkLiveSubject(client, subject, options.livePrefix ?? '')));
  }
  return problems;
}

async function checkLiveSubject(
  client: CcompatClient,
  subject: Subject,
  livePrefix: string,
): Promise<string[]> {
  const live = `${livePrefix}${subject.subject}`;
  const registered = await client.versions(live);
  const problems: string[] = [];
  for (const local of subject.versions) {
    const text = schemaText(local.schema);
    if (registered.length === 0 || (await client.lookup(live, text))) continue;
    for (const version of registered) {
      if (!(await client.isCompatible(live, version, text))) {
        problems.push(
          `${live}: local v${local.version} (${local.file}) is not compatible with ` +
            `registered version ${version} according to ${client.baseUrl}`,
        );
      }
    }
  }
  return problems;
}
