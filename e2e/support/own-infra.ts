import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnProcess, uniqueName } from '@o2c/testing';
import { freePort } from './free-port';

const cli = join(__dirname, '../../infra/scripts/src/cli.ts');

/** A Kafka port whose next two ports (the node's controller and SASL listener) are free too. */
async function freePortTriple(taken: number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (taken.some((t) => Math.abs(t - port) < 3)) continue;
    if ((await freePort(port + 1)) === port + 1 && (await freePort(port + 2)) === port + 2)
      return port;
  }
}

/**
 * A Kafka broker (or a three-node cluster), a schema registry and a Zipkin of a test's own, started by the
 * project's infra scripts on free ports from empty data, and purged afterwards: for tests that
 * start cold, kill brokers or restart the registry without disturbing the shared local infra.
 */
export async function createOwnInfra({ nodes = 1 } = {}) {
  const runDir = await mkdtemp(join(tmpdir(), 'o2c-infra-'));
  const kafkaPorts: number[] = [];
  for (let i = 0; i < nodes; i++) kafkaPorts.push(await freePortTriple(kafkaPorts));
  const registryPort = await freePort();
  const managementPort = await freePort();
  const zipkinPort = await freePort();
  const brokers = kafkaPorts.map((p) => `127.0.0.1:${p}`);
  const registryUrl = `http://127.0.0.1:${registryPort}/apis/ccompat/v7`;
  const env = {
    O2C_RUN_DIR: runDir,
    KAFKA_BROKERS: brokers.join(','),
    SCHEMA_REGISTRY_URL: registryUrl,
    REGISTRY_MANAGEMENT_PORT: String(managementPort),
    REGISTRY_DB: uniqueName('o2c_registry').replaceAll('-', '_'),
    // infra up starts Zipkin too: its own, or --fresh would refuse the one already answering.
    ZIPKIN_URL: `http://127.0.0.1:${zipkinPort}`,
  };
  const run = async (...args: string[]) => {
    const proc = spawnProcess(cli, env, args);
    const code = await proc.exited;
    if (code !== 0) throw new Error(`infra ${args.join(' ')} failed (${code}):\n${proc.output()}`);
    return proc.output();
  };
  const pidOf = (name: string) => Number(readFileSync(join(runDir, name, 'pid'), 'utf8'));
  const nodeName = (i: number) => (nodes > 1 ? `kafka-${i}` : 'kafka');
  return {
    env,
    brokers,
    registryUrl,
    /** `infra up --fresh` the first time; later calls start only what is not running. */
    up: (fresh = false) => (fresh ? run('up', '--fresh') : run('up')),
    /** kill -9 of a Kafka node (1-based) or of the registry. */
    kill(what: number | 'registry') {
      const pid = pidOf(what === 'registry' ? 'registry' : nodeName(what));
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    async down() {
      await run('down', '--purge').catch(() => undefined);
      await rm(runDir, { recursive: true, force: true });
    },
  };
}

export type OwnInfra = Awaited<ReturnType<typeof createOwnInfra>>;
