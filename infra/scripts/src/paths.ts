import { join, resolve } from 'node:path';

/** Everything the local infra downloads or writes lives under .cache/ at the repository root. */
export const root = resolve(__dirname, '../../..');
export const cacheDir = join(root, '.cache');
export const runDir = join(cacheDir, 'run');
export const kafkaLibs = join(cacheDir, 'kafka', 'libs');
export const registryHome = join(cacheDir, 'apicurio');
