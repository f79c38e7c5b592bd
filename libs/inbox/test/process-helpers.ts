import { join } from 'node:path';
import { spawnProcess, testInfra, type SpawnedProcess } from '@o2c/testing';

export const consumerProcessEntry = join(__dirname, 'consumer-process.ts');

export interface ProcessEnv {
  DATABASE_URL: string;
  TOPIC: string;
  GROUP_ID: string;
  CRASH_AFTER_DB_COMMIT_AT?: string;
  CRASH_ON_EVENT_ID?: string;
  MAX_ATTEMPTS?: string;
  MAX_CRASHES?: string;
  LOG_HANDLER_START?: string;
  HANG_ON_EVENT_ID?: string;
  HANDLER_DELAY_MS?: string;
  COMMIT_EVERY?: string;
}

export function startConsumerProcess(env: ProcessEnv): SpawnedProcess {
  return spawnProcess(consumerProcessEntry, {
    KAFKA_BROKERS: testInfra.brokers.join(','),
    SCHEMA_REGISTRY_URL: testInfra.registryUrl,
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    ...env,
  });
}

/** The JSON lines a consumer process printed for its database commits. */
export const commitLines = (proc: SpawnedProcess) =>
  proc
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{"outcome"'))
    .map((l) => JSON.parse(l) as { outcome: 'processed' | 'duplicate'; eventId: string });

/** Event ids whose handler a consumer process (run with LOG_HANDLER_START) has started. */
export const handlingLines = (proc: SpawnedProcess) =>
  proc
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{"handling"'))
    .map((l) => (JSON.parse(l) as { handling: string }).handling);

export async function stopProcess(proc: SpawnedProcess): Promise<number | string> {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
  return proc.exited;
}
