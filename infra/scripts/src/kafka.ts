import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { infraEnv, say } from './env';
import { findJava } from './java';
import { ensureKafkaJars } from './maven';
import { kafkaNodes, nodeProperties, type KafkaNode } from './kafka-nodes';
import { localPrincipals, scramCredential } from './kafka-principals';
import {
  isAlive,
  portInUse,
  readPid,
  rssMb,
  startDetached,
  stopManaged,
  waitUntilReady,
} from './processes';
import { kafkaLibs, root, runDir } from './paths';

const template = join(root, 'infra/kafka/server.properties');
const classpath = () => `${kafkaLibs}/*`;

/**
 * A real admin round trip: a bound port alone does not mean the broker serves requests. With
 * `brokers`, also that the cluster has that many brokers registered.
 */
export async function kafkaAnswers({
  timeoutMs = 3000,
  address = infraEnv.kafkaBrokers,
  brokers = 1,
} = {}): Promise<boolean> {
  const admin = createKafka({
    clientId: 'infra-probe',
    brokers: address.split(','),
    logger: createLogger({ service: 'infra', level: 'silent' }),
    connectionTimeout: timeoutMs,
  }).admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length >= brokers;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Kafka's own Uuid format: 16 random bytes, base64url without padding, not starting with '-'. */
function clusterId(): string {
  const file = join(runDir, 'kafka-cluster-id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  let id: string;
  do id = randomBytes(16).toString('base64url');
  while (id.startsWith('-'));
  mkdirSync(runDir, { recursive: true });
  writeFileSync(file, id);
  return id;
}

/** Written once the node's data holds the SCRAM principals of the SASL listener. */
const scramMarker = (node: KafkaNode) => join(node.managed.dir, 'scram-principals');

function format(java: string, node: KafkaNode, nodes: KafkaNode[]): string {
  mkdirSync(node.managed.dir, { recursive: true });
  const config = join(node.managed.dir, 'server.properties');
  writeFileSync(config, nodeProperties(readFileSync(template, 'utf8'), node, nodes));
  const isNew = !existsSync(join(node.managed.dir, 'data', 'meta.properties'));
  const scram = isNew
    ? localPrincipals().flatMap((p) => ['--add-scram', scramCredential(p, true)])
    : [];
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
      ].concat(['-c', config, '--ignore-formatted', ...scram]),
      { stdio: 'pipe' },
    );
    if (isNew) writeFileSync(scramMarker(node), localPrincipals().join('\n'));
  } catch (error) {
    throw new Error(
      `formatting Kafka storage of node ${node.id} failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`,
    );
  }
  return config;
}

/** Starts one node on its existing data (formatting it first if it is new). */
export function startKafkaNode(node: KafkaNode, nodes = kafkaNodes()): number {
  ensureKafkaJars();
  const java = findJava(17);
  const config = format(java, node, nodes);
  return startDetached(node.managed, java, [
    nodes.length > 1 ? '-Xmx384m' : '-Xmx512m',
    '-Xms128m',
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
}

/**
 * Starts the broker (or each node of the three-node cluster that does not answer) unless every
 * node already answers. `fresh` refuses to reuse anything and starts from empty data, as on a
 * machine that never ran it.
 */
export async function kafkaUp({ fresh = false } = {}): Promise<void> {
  const nodes = kafkaNodes();
  const what = nodes.length > 1 ? `kafka (${nodes.length} nodes)` : 'kafka';
  // Each node on its own address: a node killed seconds ago is still listed by the others.
  const answering = await Promise.all(nodes.map((n) => kafkaAnswers({ address: n.address })));
  if (answering.every(Boolean)) {
    if (fresh)
      throw new Error(
        `${what} already answers at ${infraEnv.kafkaBrokers}; --fresh starts its own`,
      );
    say(`${what}: already running at ${infraEnv.kafkaBrokers}`);
    return ensureScramPrincipals(nodes);
  }
  if (fresh) rmSync(join(runDir, 'kafka-cluster-id'), { force: true });
  const started = Date.now();
  const starting: Array<{ node: KafkaNode; pid: number }> = [];
  for (const node of nodes) {
    if (!fresh && readPid(node.managed) && (await kafkaAnswers({ address: node.address })))
      continue;
    if (readPid(node.managed)) await stopManaged(node.managed, 5000);
    for (const port of [node.port, node.controllerPort, node.saslPort]) {
      if (await portInUse(port))
        throw new Error(
          `port ${port} is in use by something that is not our Kafka; stop it or set KAFKA_BROKERS.`,
        );
    }
    if (fresh) rmSync(node.managed.dir, { recursive: true, force: true });
    starting.push({ node, pid: startKafkaNode(node, nodes) });
  }
  for (const { node } of starting) {
    const answers = () => kafkaAnswers({ timeoutMs: 1000, address: node.address });
    await waitUntilReady(node.managed, answers, started, 90_000);
  }
  const secs = await waitUntilReady(
    nodes[0]!.managed,
    () => kafkaAnswers({ timeoutMs: 1000, brokers: nodes.length }),
    started,
    90_000,
  );
  const pids = starting.map(({ pid }) => `${pid} (${rssMb(pid) ?? '?'} MB RSS)`).join(', ');
  say(`${what}: ready at ${infraEnv.kafkaBrokers} in ${secs} s (started pid ${pids})`);
  ensureScramPrincipals(nodes);
}

/** The principals a node's marker says it holds (none when it has no marker). */
const principalsOf = (node: KafkaNode): string[] =>
  existsSync(scramMarker(node)) ? readFileSync(scramMarker(node), 'utf8').split('\n') : [];

/**
 * Data formatted before the SASL listener existed, or before a service was added, lacks some
 * SCRAM principals: adds the missing ones through the running cluster (Kafka's ConfigCommand;
 * new data gets them all when formatted).
 */
function ensureScramPrincipals(nodes: KafkaNode[]): void {
  const missing = localPrincipals().filter((p) => !nodes.every((n) => principalsOf(n).includes(p)));
  if (missing.length === 0) return;
  // A broker started from another checkout: this one may not have the tools yet.
  ensureKafkaJars();
  const java = findJava(17);
  for (const principal of missing) {
    execFileSync(
      java,
      [
        '-Xmx128m',
        '-cp',
        classpath(),
        'kafka.admin.ConfigCommand',
        '--bootstrap-server',
        infraEnv.kafkaBrokers,
        '--alter',
        '--entity-type',
        'users',
        '--entity-name',
        principal,
        '--add-config',
        scramCredential(principal, false),
      ],
      { stdio: 'pipe' },
    );
  }
  for (const node of nodes) {
    mkdirSync(node.managed.dir, { recursive: true });
    writeFileSync(scramMarker(node), localPrincipals().join('\n'));
  }
  say(`kafka: SCRAM principals added (${missing.join(', ')})`);
}

export async function kafkaDown({ purge = false } = {}): Promise<void> {
  for (const node of kafkaNodes()) {
    const stopped = await stopManaged(node.managed);
    say(
      stopped
        ? `${node.managed.name}: stopped`
        : `${node.managed.name}: not started by these scripts`,
    );
    if (purge) rmSync(node.managed.dir, { recursive: true, force: true });
  }
  if (purge) rmSync(join(runDir, 'kafka-cluster-id'), { force: true });
}

export async function kafkaStatus(): Promise<string> {
  const nodes = kafkaNodes();
  const lines = await Promise.all(
    nodes.map(async (node) => {
      const pid = readPid(node.managed);
      const up = await kafkaAnswers({ address: node.address });
      const mem = pid && isAlive(pid) ? `  pid ${pid}, ${rssMb(pid)} MB RSS` : '';
      return `${node.managed.name.padEnd(8)} ${up ? 'up' : 'down'}  ${node.address}${mem}`;
    }),
  );
  return lines.join('\n');
}
