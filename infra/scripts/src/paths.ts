import { join, resolve } from 'node:path';

/** Everything the local infra downloads or writes lives under .cache/ at the repository root. */
export const root = resolve(__dirname, '../../..');
export const cacheDir = join(root, '.cache');
/**
 * Pid files, logs and data of the processes the scripts start. O2C_RUN_DIR gives a run of its own
 * (CI starts its broker and registry from empty data there, beside a developer's).
 */
export const runDir = process.env.O2C_RUN_DIR ?? join(cacheDir, 'run');
export const kafkaLibs = join(cacheDir, 'kafka', 'libs');
export const registryHome = join(cacheDir, 'apicurio');
export const zipkinHome = join(cacheDir, 'zipkin');
