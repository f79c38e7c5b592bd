import type { Command } from 'commander';
import { loadConfig } from '../config';
import { createContext, type OpsContext } from '../context';
import { exitCodeFor, OpsError } from '../errors';
import { createOutput } from './output';

export interface GlobalOptions {
  json?: boolean;
  actor?: string;
  brokers?: string;
}

/**
 * Wraps a command handler: builds the context from the global options, prints failures (as JSON
 * with --json) and sets the exit code: 0 ok, 1 failure, 2 usage error or refusal.
 */
export function runAction<A extends unknown[]>(
  env: NodeJS.ProcessEnv,
  handler: (ctx: OpsContext, ...args: A) => Promise<void>,
): (...args: [...A, Command]) => Promise<void> {
  return async (...args) => {
    const command = args[args.length - 1] as Command;
    const globals = command.optsWithGlobals<GlobalOptions>();
    const out = createOutput(globals.json === true);
    let ctx: OpsContext | undefined;
    try {
      const config = loadConfig(globals.brokers ? { ...env, KAFKA_BROKERS: globals.brokers } : env);
      ctx = createContext(config, out, globals.actor);
      await handler(ctx, ...(args.slice(0, -1) as A));
    } catch (error) {
      process.exitCode = exitCodeFor(error);
      const code = error instanceof OpsError ? error.code : 'FAILED';
      const message = error instanceof Error ? error.message : String(error);
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
      if (out.json) out.result({ ok: false, error: { code, message, cause } }, () => '');
      else process.stderr.write(`o2c-ops: ${message}${cause ? ` (${cause})` : ''}\n`);
    } finally {
      await ctx?.close().catch(() => undefined);
    }
  };
}
