import { spawnSync } from 'node:child_process';
import { root } from '../src/paths';

/** What to do when Prometheus's binaries are missing (the tests fail, never skip). */
export const INSTALL =
  'Install Prometheus (Debian: apt-get install --no-install-recommends prometheus; .ci/run does)';

/** Runs promtool: whether it succeeded, and its output; says how to install it when absent. */
export function promtool(args: string[], cwd = root): { ok: boolean; output: string } {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (result.error && 'code' in result.error && result.error.code === 'ENOENT')
    throw new Error(`promtool is not on PATH: these tests need it. ${INSTALL}.`);
  if (result.error) throw result.error;
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** Runs promtool and returns its output; throws with it when promtool fails. */
export function expectPromtoolOk(args: string[], cwd = root): string {
  const { ok, output } = promtool(args, cwd);
  if (!ok) throw new Error(`promtool ${args.join(' ')} failed:\n${output}`);
  return output;
}
