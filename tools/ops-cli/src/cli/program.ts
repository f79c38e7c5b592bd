import { Command } from 'commander';
import { registerApiKeyCommand } from '../commands/api-key-command';
import { registerAuditCommand } from '../commands/audit-command';
import { registerConsoleCommand } from '../commands/console-command';
import { registerBootstrapCommand } from '../commands/bootstrap-command';
import { registerCutoverCommand } from '../commands/cutover-command';
import { registerDlqCommands } from '../commands/dlq-command';
import { registerLagCommands } from '../commands/lag-command';
import { registerOdooCommands } from '../commands/odoo-command';
import { registerOutboxCommand } from '../commands/outbox-command';
import { registerReplayCommand } from '../commands/replay-command';
import { registerRewindCommand } from '../commands/rewind-command';
import { registerShadowCommands } from '../commands/shadow-command';
import { registerTriageCommands } from '../commands/triage-command';
import { registerVerifyCommand } from '../commands/verify-command';

/** The o2c-ops command tree; `env` is the process environment (read only here and in main). */
export function buildProgram(env: NodeJS.ProcessEnv): Command {
  const program = new Command('o2c-ops')
    .description(
      'SRE recovery for the o2c platform: lag, rewind, replay, dead-letter redrive, verify, odoo doctor, console.\n' +
        'Changes nothing without --execute; every executed action is audited (database o2c_ops).\n' +
        'Exit codes: 0 ok, 1 failure, 2 usage error or refused.',
    )
    .option('--json', 'machine-readable output on stdout (no progress bar)')
    .option(
      '--actor <name>',
      'on whose behalf, recorded in the audit log beside the identity that acts (the Kafka SASL principal, else the OS user)',
    )
    .option(
      '--brokers <list>',
      'Kafka bootstrap brokers (default: $KAFKA_BROKERS or 127.0.0.1:9092)',
    )
    .showHelpAfterError()
    .exitOverride();
  registerLagCommands(program, env);
  registerRewindCommand(program, env);
  registerReplayCommand(program, env);
  registerDlqCommands(program, env);
  registerOutboxCommand(program, env);
  registerVerifyCommand(program, env);
  registerOdooCommands(program, env);
  registerAuditCommand(program, env);
  registerApiKeyCommand(program, env);
  registerConsoleCommand(program, env);
  registerTriageCommands(program, env);
  registerShadowCommands(program, env);
  registerCutoverCommand(program, env);
  registerBootstrapCommand(program, env);
  return program;
}
