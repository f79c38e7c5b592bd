import { parseEnv } from '@o2c/config';
import { serviceEnv } from '@o2c/platform';
import pkg from '../package.json';

const Schema = serviceEnv(pkg.o2c);

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
