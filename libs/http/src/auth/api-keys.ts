import { createHash } from 'node:crypto';
import { isScope, SCOPES, type Scope } from './scopes';

/** A client allowed in by API key: only the key's SHA-256 is configured, never the key. */
export interface ApiKeyEntry {
  client: string;
  sha256: string;
  scopes: readonly Scope[];
}

/** Who is calling, as the routes, the request log and the audit log see it. */
export interface Caller {
  client: string;
  scopes: readonly Scope[];
}

/** The key `npm start`, the compose stack and the tests use; refused outside development. */
export const DEVELOPMENT_API_KEY = 'o2c-dev-key';

export const hashApiKey = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex');

/** The one development client: every scope, with the public development key. */
export const developmentApiKeys: readonly ApiKeyEntry[] = [
  { client: 'developer', sha256: hashApiKey(DEVELOPMENT_API_KEY), scopes: SCOPES },
];

/**
 * Parses API_KEYS: entries separated by `;`, each `client:sha256-hex:scope,scope`. A client may
 * appear twice with two hashes while its key is rotated. Throws a message naming the bad entry
 * by position and client, never the hash.
 */
export function parseApiKeys(text: string): ApiKeyEntry[] {
  const entries = text
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.map((entry, i) => {
    const [client = '', sha256 = '', ...rest] = entry.split(':');
    const where = `API_KEYS entry ${i + 1}${client ? ` (${client})` : ''}`;
    if (!/^[\w.-]+$/.test(client)) throw new Error(`${where}: the client name is missing`);
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw new Error(`${where}: expected client:sha256-hex:scopes, with 64 lower-case hex digits`);
    const scopes = rest
      .join(':')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length > 0) throw new Error(`${where}: unknown scope ${unknown.join(', ')}`);
    return { client, sha256, scopes: scopes as Scope[] };
  });
}

/**
 * Looks a presented key up by its hash. Keys are long random strings, so one SHA-256 suffices
 * (no slow hash needed) and a lookup's timing says nothing about a key.
 */
export function createKeyring(
  entries: readonly ApiKeyEntry[],
): (key: string) => Caller | undefined {
  const byHash = new Map(entries.map((e) => [e.sha256, { client: e.client, scopes: e.scopes }]));
  return (key) => byHash.get(hashApiKey(key));
}
