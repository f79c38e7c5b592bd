import type { Command } from 'commander';
import { parseDuration, parseTime } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import { executeAct, planAct } from '../triage/act';
import { describeActPlan, describeActResult, describeGroup, describeRun } from '../triage/format';
import { runTriage, type TriageOptions } from '../triage/run-triage';
import { registerTriageExplain } from './triage-explain-command';
import type { ActionKind } from '../triage/types';

interface WindowOptions {
  since: string;
  until?: string;
  topic?: string;
  topicPrefix?: string;
}

const kinds: readonly ActionKind[] = [
  'WAIT_AND_REDRIVE',
  'REDRIVE_AFTER_FIX',
  'REPLAY_WINDOW',
  'DISCARD',
  'ESCALATE',
];

const windowOptions = (command: Command) =>
  command
    .option('--since <duration>', 'failures of the last <duration> (30m, 6h, 2d)', '6h')
    .option('--until <time>', "end of the window: ISO-8601, 'now' or a duration ago", 'now')
    .option('-t, --topic <topic>', 'only failures of this source topic')
    .option(
      '--topic-prefix <prefix>',
      "the services' TOPIC_PREFIX (default: $TOPIC_PREFIX): only their topics and groups",
    );

/**
 * `o2c-ops triage`, `triage show`, `triage act` and `triage explain` (triage-explain-command.ts);
 * returns the `triage` command.
 */
export function registerTriageCommands(program: Command, env: NodeJS.ProcessEnv): Command {
  const options = (
    ctx: OpsContext,
    o: WindowOptions,
    extra: Partial<TriageOptions> = {},
  ): TriageOptions => {
    const toMs = parseTime(o.until ?? 'now');
    return {
      window: { fromMs: toMs - parseDuration(o.since), toMs },
      registryUrl: ctx.config.schemaRegistryUrl,
      topicPrefix: o.topicPrefix ?? ctx.config.topicPrefix,
      ...(o.topic !== undefined ? { topic: o.topic } : {}),
      ...extra,
    };
  };
  const triage = windowOptions(
    program
      .command('triage')
      .description(
        'Open failures (dead letters not yet redriven or discarded, OdooSyncFailed, ' +
          'OrderExceptionRaised, FulfillmentFailed, PurchaseExceptionRaised, OrderRejected) grouped by ' +
          'signature, with orders and money affected, blast radius, candidate causes and the proposed ' +
          'action with its exact command. Changes nothing.',
      ),
  ).action(
    runAction(env, async (ctx: OpsContext, o: WindowOptions) => {
      const run = await runTriage(ctx, options(ctx, o));
      ctx.out.result({ ok: true, ...withoutFailures(run) }, () =>
        describeRun(run, { failures: false }),
      );
    }),
  );
  windowOptions(
    triage
      .command('show <signature>')
      .description('One group in full, every failure with its reference'),
  ).action(
    runAction(env, async (ctx: OpsContext, signature: string, o: WindowOptions) => {
      const run = await runTriage(ctx, options(ctx, o, { signature }));
      const group = run.groups[0];
      if (!group)
        throw new OpsError('NOT_FOUND', `no open failure of signature ${signature} in the window`);
      ctx.out.result({ ok: true, warnings: run.warnings, group }, () =>
        describeGroup(group, { failures: true }),
      );
    }),
  );
  windowOptions(
    triage
      .command('act <signature>')
      .description(
        "Run a group's proposed action (or --action): redrive exactly its open letters " +
          '(WAIT_AND_REDRIVE, REDRIVE_AFTER_FIX), give them up (DISCARD), or record an ESCALATE. ' +
          'Shows the plan and its dry run unless --execute; executed, audited as `triage act` with ' +
          'the signature, the action, the one proposed and whether it was overridden.',
      )
      .option('--action <kind>', `instead of the proposed one: ${kinds.join(', ')}`)
      .option('--note <text>', 'recorded in the audit row (an escalation: to whom, ticket)')
      .option('--execute', 'act (audited); without it, only show the plan and its dry run'),
  ).action(
    runAction(
      env,
      async (
        ctx: OpsContext,
        signature: string,
        o: WindowOptions & { action?: string; note?: string; execute?: boolean },
      ) => {
        const action = o.action?.toUpperCase() as ActionKind | undefined;
        if (action !== undefined && !kinds.includes(action))
          throw new OpsError('USAGE', `--action must be one of ${kinds.join(', ')}`);
        const run = await runTriage(
          ctx,
          options(ctx, o, { signature, changes: false, ...(action ? { override: action } : {}) }),
        );
        const group = run.groups[0];
        if (!group)
          throw new OpsError(
            'NOT_FOUND',
            `no open failure of signature ${signature} in the window`,
          );
        const plan = await planAct(ctx, group);
        if (!o.execute) {
          ctx.out.result({ ok: true, executed: false, proposal: group.proposal, plan }, () =>
            describeActPlan(plan),
          );
          return;
        }
        const result = await executeAct(ctx, plan, o.note);
        ctx.out.result(
          { ok: true, executed: true, plan, audit: result.audit, runs: result.runs },
          () => describeActResult(plan, result),
        );
      },
    ),
  );
  registerTriageExplain(triage, {
    env,
    windowOptions,
    findGroup: async (ctx, signature, o) =>
      (await runTriage(ctx, options(ctx, o as unknown as WindowOptions, { signature }))).groups[0],
  });
  return triage;
}

const withoutFailures = (run: Awaited<ReturnType<typeof runTriage>>) => ({
  window: run.window,
  warnings: run.warnings,
  causes: run.causes,
  groups: run.groups.map(({ failures: _failures, ...group }) => group),
});
