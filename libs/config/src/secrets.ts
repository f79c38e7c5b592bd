import { z } from 'zod';
import { ConfigError } from './parse-env';

/**
 * Where a process runs. Only `development` (which `npm start`, the compose stack and the tests
 * set) gives secrets their public local defaults; anything else needs real ones.
 */
export const runModeEnv = {
  O2C_ENV: z.enum(['development', 'production']).default('production'),
};

/** The simulators' well-known secrets: the development defaults, refused anywhere else. */
export const developmentSecrets = {
  ODOO_API_KEY: 'o2c-admin-key',
  CARRIER_WEBHOOK_SECRET: 'o2c-carrier-secret',
} as const;

/** A secret variable: optional in the schema, settled by `resolveSecrets`. */
export const secretVar = () => z.string().min(1).optional();

/** The values of a secret variable: one, or several separated by commas while rotating. */
export const secretValues = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

type Resolved<T, K extends keyof T> = Readonly<Omit<T, K> & { [P in K]: string }>;

/**
 * Gives each secret its development default in development mode. In any other mode a secret that
 * is missing, or that holds its public development value, stops start-up: the ConfigError names
 * every such variable (never a value) and the service exits 2.
 */
export function resolveSecrets<T extends { O2C_ENV: string }, K extends keyof T & string>(
  config: T,
  developmentDefaults: Record<K, string>,
): Resolved<T, K> {
  const development = config.O2C_ENV === 'development';
  const problems: string[] = [];
  const resolved: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(developmentDefaults) as Array<[K, string]>) {
    const value = config[name] as string | undefined;
    if (development) resolved[name] = value ?? fallback;
    else if (value === undefined)
      problems.push(`${name} is not set (required unless O2C_ENV=development)`);
    else if (secretValues(value).includes(fallback))
      problems.push(`${name} holds the public development value: set a secret of your own`);
    else resolved[name] = value;
  }
  if (problems.length > 0)
    throw new ConfigError(`invalid configuration:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  return Object.freeze({ ...config, ...resolved });
}
