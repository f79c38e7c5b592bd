import { databaseUrlFor, ensureDatabase } from '@o2c/db';
import { Client } from 'pg';
import { infraEnv, say } from './env';
import { findJava } from './java';
import { ensureRegistryApp } from './maven';
import {
  answersOk,
  managed,
  portInUse,
  readPid,
  rssMb,
  startDetached,
  stopManaged,
  waitUntilReady,
} from './processes';

const registry = managed('registry');
async function dropRegistryDatabase(): Promise<void> {
  const admin = new Client({ connectionString: infraEnv.postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${infraEnv.registryDb}" with (force)`);
  } finally {
    await admin.end();
  }
}

export const registryAnswers = (): Promise<boolean> =>
  answersOk(`${infraEnv.registryUrl}/subjects`);

/**
 * Starts Apicurio unless a registry already answers. Apicurio keeps its schemas in our Postgres
 * (REGISTRY_DB), so ids stay valid across restarts like Kafka's data; `fresh` refuses to reuse a
 * running registry and starts from an empty database.
 */
export async function registryUp({ fresh = false } = {}): Promise<void> {
  if (await registryAnswers()) {
    if (fresh)
      throw new Error(
        `a registry already answers at ${infraEnv.registryUrl}; --fresh starts its own`,
      );
    return say(`registry: already running at ${infraEnv.registryUrl}`);
  }
  if (readPid(registry)) await stopManaged(registry, 5000);
  const { port, hostname } = new URL(infraEnv.registryUrl);
  if (await portInUse(Number(port))) {
    throw new Error(
      `port ${port} is in use by something that is not a schema registry; stop it or set SCHEMA_REGISTRY_URL.`,
    );
  }
  if (await portInUse(infraEnv.registryManagementPort)) {
    throw new Error(
      `port ${infraEnv.registryManagementPort} (the registry's management port) is in use; set REGISTRY_MANAGEMENT_PORT.`,
    );
  }
  const runner = ensureRegistryApp();
  const java = findJava(21);
  if (fresh) await dropRegistryDatabase();
  await ensureDatabase(infraEnv.postgresAdminUrl, infraEnv.registryDb);
  const pg = new URL(databaseUrlFor(infraEnv.postgresAdminUrl, infraEnv.registryDb));
  const started = Date.now();
  const pid = startDetached(registry, java, [
    '-Xmx256m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError',
    `-Dquarkus.http.host=${hostname}`,
    `-Dquarkus.http.port=${port}`,
    '-Dquarkus.management.host=127.0.0.1',
    `-Dquarkus.management.port=${infraEnv.registryManagementPort}`,
    '-Dquarkus.log.level=WARN',
    '-Dquarkus.http.access-log.enabled=false',
    // Confluent's default; Apicurio's own default is no rule at all.
    '-Dapicurio.rules.global.compatibility=BACKWARD',
    '-Dapicurio.storage.kind=sql',
    '-Dapicurio.storage.sql.kind=postgresql',
    `-Dapicurio.datasource.url=jdbc:postgresql://${pg.host}${pg.pathname}`,
    `-Dapicurio.datasource.username=${decodeURIComponent(pg.username) || 'postgres'}`,
    `-Dapicurio.datasource.password=${decodeURIComponent(pg.password) || 'unused'}`,
    // Apicurio opens 20 connections at start and grows to 100: a fifth of Postgres's default
    // max_connections, then all of it. A registry serves mostly cached lookups; 10 is plenty.
    '-Dapicurio.datasource.jdbc.initial-size=2',
    '-Dapicurio.datasource.jdbc.min-size=2',
    '-Dapicurio.datasource.jdbc.max-size=10',
    '-jar',
    runner,
  ]);
  const secs = await waitUntilReady(registry, registryAnswers, started, 120_000);
  say(
    `registry: ready at ${infraEnv.registryUrl} in ${secs} s (pid ${pid}, ${rssMb(pid) ?? '?'} MB RSS)`,
  );
}

/** Stops the registry these scripts started; `purge` also drops its database. */
export async function registryDown({ purge = false } = {}): Promise<void> {
  say(
    (await stopManaged(registry)) ? 'registry: stopped' : 'registry: not started by these scripts',
  );
  if (purge) await dropRegistryDatabase();
}

export async function registryStatus(): Promise<string> {
  const pid = readPid(registry);
  const up = await registryAnswers();
  return `registry ${up ? 'up' : 'down'}  ${infraEnv.registryUrl}${pid ? `  pid ${pid}, ${rssMb(pid)} MB RSS` : ''}`;
}
