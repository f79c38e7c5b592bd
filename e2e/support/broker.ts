import { join } from 'node:path';
import { spawnProcess } from '@o2c/testing';
import { infraPid } from './rss';

const root = join(__dirname, '../..');

/** kill -9 of the local broker `npm run infra:up` started (its pid file is in the run directory). */
export function killBroker(): number {
  const pid = infraPid('kafka');
  if (!pid) throw new Error('no broker started by npm run infra:up to kill');
  process.kill(pid, 'SIGKILL');
  return pid;
}

/** `npm run infra:up`: starts the broker again on its data directory and waits until it answers. */
export async function startBroker(): Promise<void> {
  const up = spawnProcess(join(root, 'infra/scripts/src/cli.ts'), {}, ['up']);
  const code = await up.exited;
  if (code !== 0) throw new Error(`infra up failed (${code}):\n${up.output()}`);
}
