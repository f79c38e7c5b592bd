import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { infraEnv, say } from './env';
import { findJava } from './java';
import { ensureKafkaJars } from './maven';
import {
  managed,
  portInUse,
  readPid,
  rssMb,
  startDetached,
  stopManaged,
  waitUntilReady,
} from './processes';
import { kafkaLibs, root } from './paths';

const kafka = managed('kafka');
const template = join(root, 'infra/kafka/server.properties');
const classpath = () => `${kafkaLibs}/*`;

/** A real admin round trip: a bound port alone does not mean the broker serves requests. */
export async function kafkaAnswers(timeoutMs = 3000): Promise<boolean> {
  const admin = createKafka({
    clientId: 'infra-probe',
    brokers: infraEnv.kafkaBrokers.split(','),
    logger: createLogger({ service: 'infra', level: 'silent' }),
    connectionTimeout: timeoutMs,
  }).admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Kafka's own Uuid format: 16 random bytes, base64url without padding, not starting with '-'. */
function clusterId(): string {
  const file = join(kafka.dir, 'cluster-id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  let id: string;
  do id = randomBytes(16).toString('base64url');
  while (id.startsWith('-'));
  writeFileSync(file, id);
  return id;
}

export async function kafkaUp(): Promise<void> {
  if (await kafkaAnswers()) return say(`kafka: already running at ${infraEnv.kafkaBrokers}`);
  if (readPid(kafka)) await stopManaged(kafka, 5000);
  if (await portInUse(9092)) {
    throw new Error(
      'port 9092 is in use by something that is not a Kafka broker; stop it or set KAFKA_BROKERS.',
    );
  }
  ensureKafkaJars();
  const java = findJava(17);
  const started = Date.now();
  mkdirSync(kafka.dir, { recursive: true });
  // The committed template plus this checkout's data directory.
  const config = join(kafka.dir, 'server.properties');
  writeFileSync(config, `${readFileSync(template, 'utf8')}\nlog.dirs=${join(kafka.dir, 'data')}\n`);
  try {
    execFileSync(
      java,
      [
        '-Xmx128m',
        '-cp',
        classpath(),
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId(),
        '-c',
        config,
        '--ignore-formatted',
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(
      `formatting Kafka storage failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`,
    );
  }
  const pid = startDetached(kafka, java, [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.net.preferIPv4Stack=true',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${join(root, 'infra/kafka/log4j.properties')}`,
    '-cp',
    classpath(),
    'kafka.Kafka',
    config,
  ]);
  const secs = await waitUntilReady(kafka, () => kafkaAnswers(1000), started, 90_000);
  say(`kafka: ready at 127.0.0.1:9092 in ${secs} s (pid ${pid}, ${rssMb(pid) ?? '?'} MB RSS)`);
}

export async function kafkaDown(): Promise<void> {
  say((await stopManaged(kafka)) ? 'kafka: stopped' : 'kafka: not started by these scripts');
}

export async function kafkaStatus(): Promise<string> {
  const pid = readPid(kafka);
  const up = await kafkaAnswers();
  return `kafka    ${up ? 'up' : 'down'}  ${infraEnv.kafkaBrokers}${pid ? `  pid ${pid}, ${rssMb(pid)} MB RSS` : ''}`;
}
