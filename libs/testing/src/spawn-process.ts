import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from './wait-for';

export interface SpawnedProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Runs an entry point as its own process, capturing its output: a TypeScript one with tsx, a
 * `.js` one (a built bundle) with node alone. `nodeArgs` go to node itself, before the entry (e.g.
 * `--cpu-prof`, which NODE_OPTIONS refuses).
 */
export function spawnProcess(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = [],
): SpawnedProcess {
  const loader = entry.endsWith('.js') ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry, ...args], {
    // Development mode (the simulators' secrets) unless the test says otherwise.
    env: { ...process.env, O2C_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, output: () => out, exited };
}

export interface ReadyOptions {
  /** Named in errors (default: the entry's process id). */
  what?: string;
  /** Default `/readyz`. */
  path?: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Waits until `url` + `path` answers 2xx. If the process exits first, fails at once with the end
 * of its output instead of waiting out the timeout.
 */
export async function processReady(
  proc: SpawnedProcess,
  url: string,
  {
    what = `process ${proc.child.pid}`,
    path = '/readyz',
    timeoutMs = 90_000,
    intervalMs = 200,
  }: ReadyOptions = {},
): Promise<void> {
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null)
        throw new Error(`${what} exited (${proc.child.exitCode}):\n${proc.output().slice(-3000)}`);
      const res = await fetch(url + path).catch(() => undefined);
      return res?.ok ? true : undefined;
    },
    { timeoutMs, intervalMs, what: `${what} ready` },
  );
}
