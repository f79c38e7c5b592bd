#!/usr/bin/env tsx
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program';

async function main(): Promise<void> {
  const program = buildProgram(process.env);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are not errors; anything else commander rejects is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`o2c-ops: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
