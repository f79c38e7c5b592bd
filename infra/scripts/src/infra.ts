import { setupDatabases } from './databases';
import { say } from './env';
import { kafkaDown, kafkaStatus, kafkaUp } from './kafka';
import { postgresStatus, postgresUp } from './postgres';
import { registryDown, registryStatus, registryUp } from './registry';
import { zipkinDown, zipkinStatus, zipkinUp } from './zipkin';

/**
 * Brings up what the platform needs (Zipkin too, the local trace backend), reusing whatever already runs; `fresh` reuses nothing and
 * starts Kafka and the registry from empty data (what CI does, as on a new machine).
 */
export async function infraUp({ fresh = false } = {}): Promise<void> {
  const started = Date.now();
  await postgresUp();
  // The registry keeps its data in Postgres; Kafka, the registry and Zipkin start side by side.
  await Promise.all([kafkaUp({ fresh }), registryUp({ fresh }), zipkinUp({ fresh })]);
  say(`infra up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Stops Kafka, the registry and Zipkin these scripts started; `purge` also deletes their data. */
export async function infraDown({ purge = false } = {}): Promise<void> {
  await Promise.all([kafkaDown({ purge }), registryDown({ purge }), zipkinDown()]);
  say('postgres: left running (it belongs to the machine)');
}

export async function infraStatus(): Promise<boolean> {
  const lines = await Promise.all([
    postgresStatus(),
    kafkaStatus(),
    registryStatus(),
    zipkinStatus(),
  ]);
  for (const line of lines) process.stdout.write(`${line}\n`);
  return lines.every((l) => l.split('\n').every((x) => / up /.test(x)));
}

export { setupDatabases };
