import { join } from 'node:path';
import { spawnProcess } from '@o2c/testing';
import type { Endpoints } from './platform';

const opsMain = join(__dirname, '../../tools/ops-cli/src/main.ts');

export interface VerifyOutcome {
  exitCode: number | string;
  result: {
    ok: boolean;
    orders: number;
    inFlight: number;
    byStatus: Record<string, number>;
    violations: Array<{ check: string; orderId: string | null; message: string; source: string }>;
  };
}

/** `o2c-ops <args>` as an SRE runs it, against this platform; `--json` output parsed. */
export async function runOps(args: string[], env: Record<string, string> = {}) {
  const proc = spawnProcess(opsMain, env, [...args, '--json']);
  let stdout = '';
  proc.child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  const exitCode = await proc.exited;
  try {
    return { exitCode, json: JSON.parse(stdout) as Record<string, unknown> };
  } catch {
    throw new Error(
      `o2c-ops ${args.join(' ')} printed no JSON (exit ${exitCode}):\n${proc.output()}`,
    );
  }
}

/** Runbook step 1: true once every consumer group of the platform (`prefix`) has no lag. */
export async function groupsCaughtUp(prefix: string): Promise<true | undefined> {
  const { json } = await runOps(['groups', '--prefix', prefix]);
  const groups = json.groups as Array<{ totalLag: number }>;
  return groups.length && groups.every((g) => g.totalLag === 0) ? true : undefined;
}

/** `o2c-ops verify` against this platform; grace 0 treats every order as settled. */
export async function verify(
  p: Endpoints,
  graceSeconds = 0,
  env: Record<string, string> = {},
): Promise<VerifyOutcome> {
  const { exitCode, json } = await runOps(
    [
      'verify',
      '--grace',
      String(graceSeconds),
      '--order-intake-url',
      p.urls['order-intake'],
      '--inventory-sync-url',
      p.urls['inventory-sync'],
      '--fulfillment-url',
      p.urls.fulfillment,
      '--invoicing-url',
      p.urls.invoicing,
      '--odoo-url',
      p.urls['odoo-sim'],
    ],
    env,
  );
  return { exitCode, result: json as unknown as VerifyOutcome['result'] };
}
