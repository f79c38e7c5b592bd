import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnProcess } from '@o2c/testing';

const root = join(__dirname, '../..');

/** kill -9 of the local broker `npm run infra:up` started (its pid file is under .cache/run). */
export function killBroker(): number {
  const pid = Number(readFileSync(join(root, '.cache/run/kafka/pid'), 'utf8'));
  process.kill(pid, 'SIGKILL');
  return pid;
}

/** `npm run infra:up`: starts the broker again on its data directory and waits until it answers. */
export async function startBroker(): Promise<void> {
  const up = spawnProcess(join(root, 'infra/scripts/src/cli.ts'), {}, ['up']);
  const code = await up.exited;
  if (code !== 0) throw new Error(`infra up failed (${code}):\n${up.output()}`);
}
