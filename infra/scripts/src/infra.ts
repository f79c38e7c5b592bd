import { setupDatabases } from './databases';
import { say } from './env';
import { kafkaDown, kafkaStatus, kafkaUp } from './kafka';
import { postgresStatus, postgresUp } from './postgres';
import { registryDown, registryStatus, registryUp } from './registry';

/** Brings up what the platform needs, reusing whatever already runs. */
export async function infraUp(): Promise<void> {
  const started = Date.now();
  await postgresUp();
  // The registry keeps its data in Postgres; Kafka and the registry start side by side.
  await Promise.all([kafkaUp(), registryUp()]);
  say(`infra up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function infraDown(): Promise<void> {
  await Promise.all([kafkaDown(), registryDown()]);
  say('postgres: left running (it belongs to the machine)');
}

export async function infraStatus(): Promise<boolean> {
  const lines = await Promise.all([postgresStatus(), kafkaStatus(), registryStatus()]);
  for (const line of lines) process.stdout.write(`${line}\n`);
  return lines.every((l) => / up /.test(l));
}

export { setupDatabases };
