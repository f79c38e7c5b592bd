export { testInfra, uniqueName } from './test-infra';
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
export { waitFor } from './wait-for';
export { spawnProcess } from './spawn-process';
export type { SpawnedProcess } from './spawn-process';
export { itBootsAndStops } from './service-boot';
