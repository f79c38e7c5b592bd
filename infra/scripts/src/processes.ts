import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { runDir } from './paths';

/** A long-running process the scripts own: its pid file and log live in .cache/run/<name>/. */
export interface Managed {
  name: string;
  dir: string;
  log: string;
}

export const managed = (name: string): Managed => {
  const dir = join(runDir, name);
  return { name, dir, log: join(dir, `${name}.log`) };
};

export function readPid(m: Managed): number | undefined {
  const file = join(m.dir, 'pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8'));
  return isAlive(pid) ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a detached process (it outlives this script) with output appended to its log. */
export function startDetached(m: Managed, command: string, args: string[]): number {
  mkdirSync(m.dir, { recursive: true });
  const fd = openSync(m.log, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  if (!child.pid) throw new Error(`could not start ${m.name}: ${command}`);
  writeFileSync(join(m.dir, 'pid'), String(child.pid));
  return child.pid;
}

/** SIGTERM, then SIGKILL after `graceMs`. Returns false when nothing of ours was running. */
export async function stopManaged(m: Managed, graceMs = 15_000): Promise<boolean> {
  const pid = readPid(m);
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(join(m.dir, 'pid'), { force: true });
  return true;
}

export function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until `answers()` is true for the process just started, failing fast (with its log
 * tail) if it exits, and after `timeoutMs`. Returns the seconds it took since `started`.
 */
export async function waitUntilReady(
  m: Managed,
  answers: () => Promise<boolean>,
  started: number,
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!readPid(m)) throw new Error(`${m.name} exited during start-up. Log tail:\n${tail(m.log)}`);
    if (await answers()) return ((Date.now() - started) / 1000).toFixed(1);
    await sleep(250);
  }
  throw new Error(
    `${m.name} did not become ready within ${timeoutMs / 1000} s. Log tail:\n${tail(m.log)}`,
  );
}

/** Whether `url` answers 2xx within 2 s (a process's health or API endpoint). */
export async function answersOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}
