import { join, resolve } from 'node:path';

/** The schemas/ project directory, wherever the repository is checked out. */
export const schemasRoot = resolve(__dirname, '..', '..');
export const repoRoot = resolve(schemasRoot, '..');
export const avroDir = join(schemasRoot, 'avro');
export const topicMapFile = join(schemasRoot, 'topics.json');
export const asyncApiFile = join(schemasRoot, 'asyncapi.json');
export const contractsGeneratedDir = join(repoRoot, 'libs', 'contracts', 'src', 'generated');
/** Hand-written upcasters, `<domain>/<EventType>.v<N>.ts`: version N-1 to N (schemas/README.md). */
export const upcastersDir = join(repoRoot, 'libs', 'contracts', 'src', 'upcasters');
/** The copy every service serves at GET /asyncapi.json (bundled with libs/contracts). */
export const servedAsyncApiFile = join(contractsGeneratedDir, 'asyncapi.json');
