import { join } from 'node:path';
import { spawnProcess, testInfra, type SpawnedProcess } from '@o2c/testing';

export const entry = join(__dirname, '..', 'src', 'main.ts');

export interface CliRun {
  code: number | string;
  stdout: string;
  output: string;
  json: <T = Record<string, unknown>>() => T;
}

/** Starts o2c-ops as its own process; stdout is kept apart for --json parsing. */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
): SpawnedProcess & { stdout(): string } {
  const proc = spawnProcess(
    entry,
    { KAFKA_BROKERS: testInfra.brokers.join(','), LOG_LEVEL: 'error', ...env },
    args,
  );
  let stdout = '';
  proc.child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  return { ...proc, stdout: () => stdout };
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const proc = startCli(args, env);
  const code = await proc.exited;
  const stdout = proc.stdout();
  return {
    code,
    stdout,
    output: proc.output(),
    json: <T>() => {
      try {
        return JSON.parse(stdout) as T;
      } catch (error) {
        throw new Error(`not JSON (exit ${code}):\n${proc.output()}`, { cause: error });
      }
    },
  };
}
