import { databaseUrlFor, ensureDatabase } from '@o2c/db';
import { infraEnv, say } from './env';
import { findJava } from './java';
import { ensureRegistryApp } from './maven';
import {
  managed,
  portInUse,
  readPid,
  rssMb,
  startDetached,
  stopManaged,
  waitUntilReady,
} from './processes';

const registry = managed('registry');
/** Apicurio keeps its schemas in our Postgres, so ids stay valid across restarts like Kafka's data. */
export const REGISTRY_DB = 'o2c_registry';

export async function registryAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${infraEnv.registryUrl}/subjects`, {
      signal: AbortSignal.timeout(2000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export async function registryUp(): Promise<void> {
  if (await registryAnswers()) return say(`registry: already running at ${infraEnv.registryUrl}`);
  if (readPid(registry)) await stopManaged(registry, 5000);
  const { port, hostname } = new URL(infraEnv.registryUrl);
  if (await portInUse(Number(port))) {
    throw new Error(
      `port ${port} is in use by something that is not a schema registry; stop it or set SCHEMA_REGISTRY_URL.`,
    );
  }
  const runner = ensureRegistryApp();
  const java = findJava(21);
  await ensureDatabase(infraEnv.postgresAdminUrl, REGISTRY_DB);
  const pg = new URL(databaseUrlFor(infraEnv.postgresAdminUrl, REGISTRY_DB));
  const started = Date.now();
  const pid = startDetached(registry, java, [
    '-Xmx256m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError',
    `-Dquarkus.http.host=${hostname}`,
    `-Dquarkus.http.port=${port}`,
    '-Dquarkus.management.host=127.0.0.1',
    '-Dquarkus.management.port=9001',
    '-Dquarkus.log.level=WARN',
    '-Dquarkus.http.access-log.enabled=false',
    // Confluent's default; Apicurio's own default is no rule at all.
    '-Dapicurio.rules.global.compatibility=BACKWARD',
    '-Dapicurio.storage.kind=sql',
    '-Dapicurio.storage.sql.kind=postgresql',
    `-Dapicurio.datasource.url=jdbc:postgresql://${pg.host}${pg.pathname}`,
    `-Dapicurio.datasource.username=${decodeURIComponent(pg.username) || 'postgres'}`,
    `-Dapicurio.datasource.password=${decodeURIComponent(pg.password) || 'unused'}`,
    '-jar',
    runner,
  ]);
  const secs = await waitUntilReady(registry, registryAnswers, started, 120_000);
  say(
    `registry: ready at ${infraEnv.registryUrl} in ${secs} s (pid ${pid}, ${rssMb(pid) ?? '?'} MB RSS)`,
  );
}

export async function registryDown(): Promise<void> {
  say(
    (await stopManaged(registry)) ? 'registry: stopped' : 'registry: not started by these scripts',
  );
}

export async function registryStatus(): Promise<string> {
  const pid = readPid(registry);
  const up = await registryAnswers();
  return `registry ${up ? 'up' : 'down'}  ${infraEnv.registryUrl}${pid ? `  pid ${pid}, ${rssMb(pid)} MB RSS` : ''}`;
}
