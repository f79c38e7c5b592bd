import { spawn, type ChildProcess } from 'node:child_process';

export interface SpawnedProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Runs a TypeScript entry point with tsx, as its own process, capturing its output. */
export function spawnProcess(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): SpawnedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
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
