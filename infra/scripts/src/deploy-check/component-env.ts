import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Repo } from './repo';

export interface EnvResult {
  /** Unknown variables, values the config rejects. */
  problems: string[];
  /** The settings the component runs with, defaults included (lists joined with commas). */
  effective: Record<string, string>;
}

export type EnvCheck = (env: Record<string, string>) => EnvResult;

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number'
    ? String(v)
    : Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? v.join(',')
      : undefined;

/** `services/x/dist/main.js`, `infra/scripts/src/cli.ts` → the project directory. */
export const projectOf = (path: string): string | undefined =>
  /^(.+?)\/(?:src|dist)\//.exec(path)?.[1];

/**
 * A component's own config decides: its `src/config.ts` loadConfig (zod) parses the environment
 * (a required variable missing or a bad value throws) and keeps the variables it knows (zod drops
 * the others). infra/scripts has no schema: the variables its `src/env.ts` reads are the known ones.
 */
export async function envCheckFor(repo: Repo, project: string): Promise<EnvCheck | undefined> {
  const config = `${project}/src/config.ts`;
  if (repo.exists(config)) {
    const mod = (await import(join(repo.root, config))) as {
      loadConfig?: (env: Record<string, string>) => object;
    };
    const loadConfig = mod.loadConfig;
    if (!loadConfig) return undefined;
    return (env) => {
      try {
        const parsed = loadConfig(env);
        const problems = Object.keys(env)
          .filter((k) => !(k in parsed))
          .map((k) => `${k} is not a variable of ${config}`);
        const effective = Object.entries(parsed).flatMap(([k, v]) => {
          const text = asText(v);
          return text === undefined ? [] : [[k, text] as const];
        });
        return { problems, effective: Object.fromEntries(effective) };
      } catch (error) {
        return {
          problems: [`${config} rejects this environment: ${(error as Error).message}`],
          effective: env,
        };
      }
    };
  }
  const envFile = `${project}/src/env.ts`;
  if (!repo.exists(envFile)) return undefined;
  const source = readFileSync(join(repo.root, envFile), 'utf8');
  const known = new Set([...source.matchAll(/process\.env\.([A-Z0-9_]+)/g)].map((m) => m[1]));
  return (env) => ({
    problems: Object.keys(env)
      .filter((k) => !known.has(k))
      .map((k) => `${k} is not read by ${envFile}`),
    effective: env,
  });
}
