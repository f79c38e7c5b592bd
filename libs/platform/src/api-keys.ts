import { ConfigError } from '@o2c/config';
import { developmentApiKeys, hashApiKey, parseApiKeys, DEVELOPMENT_API_KEY } from '@o2c/http';
import type { ApiKeyEntry } from '@o2c/http';

/**
 * The API clients a service lets in. In development, API_KEYS or else the public development
 * key with every scope; anywhere else API_KEYS is required and may not hold the development key.
 * A ConfigError (exit 2) names the problem, never a hash.
 */
export function resolveApiKeys(config: {
  O2C_ENV: string;
  API_KEYS?: string | undefined;
}): ApiKeyEntry[] {
  const development = config.O2C_ENV === 'development';
  if (config.API_KEYS === undefined) {
    if (development) return [...developmentApiKeys];
    throw new ConfigError(
      'invalid configuration:\n✖ API_KEYS is not set (required unless O2C_ENV=development)',
    );
  }
  let entries: ApiKeyEntry[];
  try {
    entries = parseApiKeys(config.API_KEYS);
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n✖ ${(error as Error).message}`);
  }
  const publicHash = hashApiKey(DEVELOPMENT_API_KEY);
  if (!development && entries.some((e) => e.sha256 === publicHash))
    throw new ConfigError(
      'invalid configuration:\n✖ API_KEYS holds the public development key: give each client a key of its own',
    );
  return entries;
}
