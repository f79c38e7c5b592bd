import type { Command } from 'commander';
import { audited } from '../audit/audited';
import { parseDuration } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import {
  readChannelState,
  writeChannelMode,
  WRITE_MODES,
  type WriteMode,
} from '../shadow/channel-state';
import { describeState, describeSwitch } from '../shadow/format-shadow';
import { readiness, readShadowReport } from '../shadow/read-shadow';
import { withAdapterDb } from './shadow-command';

interface CutoverOptions {
  to: string;
  reason?: string;
  since: string;
  execute?: boolean;
}

export function registerCutoverCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('cutover <channel>')
    .description(
      "Switch a channel's Odoo writes in odoo-adapter: --to live (cutover: the adapter writes the " +
        "channel's new orders) or --to shadow (rollback: it stops writing new orders and completes " +
        'the ones it already writes). Orders keep the mode they were accepted in. Shows the current ' +
        'mode, the shadow report and in-flight orders; dry run unless --execute (audited).',
    )
    .requiredOption('--to <mode>', 'live | shadow')
    .option('--reason <text>', 'why (required with --execute; kept with the mode and audited)')
    .option('--since <duration>', 'window of the shadow report shown', '24h')
    .option('--execute', 'write the mode (audited)')
    .action(
      runAction(env, (ctx, channel: string, options: CutoverOptions) =>
        cutover(ctx, channel, options),
      ),
    );
}

async function cutover(ctx: OpsContext, channel: string, options: CutoverOptions): Promise<void> {
  const to = options.to as WriteMode;
  if (!WRITE_MODES.includes(to))
    throw new OpsError(
      'USAGE',
      `unknown mode '${options.to}' (expected: ${WRITE_MODES.join(' | ')})`,
    );
  const sinceMs = Date.now() - parseDuration(options.since);
  const defaultMode = ctx.config.odooWriteModeDefault;
  const [state, shadow] = await withAdapterDb(
    ctx,
    async (db) =>
      [
        await readChannelState(db, channel, defaultMode),
        (await readShadowReport(db, { sinceMs, channel }))[0],
      ] as const,
  );
  const shadowLine = shadow
    ? `Shadow report: ${readiness(shadow, options.since)}`
    : `Shadow report: no comparisons in the last ${options.since}`;
  const plan = { channel, from: state.mode, to, effect: describeSwitch(state, to) };
  const summary = shadow ? { ...shadow, readiness: readiness(shadow, options.since) } : null;
  // A mode only inherited from ODOO_WRITE_MODE_DEFAULT is written anyway: o2c-ops reads the
  // variable from its own environment, which may not be the adapter's.
  if (state.mode === to && state.source === 'channel_modes') {
    ctx.out.result({ ok: true, executed: false, noop: true, state, plan, shadow: summary }, () =>
      [describeState(state), plan.effect].join('\n\n'),
    );
    return;
  }
  if (!options.execute) {
    ctx.out.result({ ok: true, executed: false, state, plan, shadow: summary }, () =>
      [
        describeState(state),
        shadowLine,
        `DRY RUN: ${channel} ${state.mode} → ${to}. ${plan.effect}`,
        'Nothing was changed. Add --execute --reason <text> to switch.',
      ].join('\n\n'),
    );
    return;
  }
  const reason = options.reason?.trim();
  if (!reason) throw new OpsError('USAGE', 'cutover --execute needs --reason <text>');
  const { value: after, audit } = await audited(
    ctx,
    'cutover',
    { channel, from: state.mode, to, reason },
    async () => {
      const after = await withAdapterDb(ctx, async (db) => {
        await writeChannelMode(db, { channelCode: channel, mode: to, actor: ctx.actor, reason });
        return readChannelState(db, channel, defaultMode);
      });
      return {
        value: after,
        counts: {
          from: state.mode,
          to,
          inFlightLive: after.inFlight.live,
          inFlightShadow: after.inFlight.shadow,
        },
      };
    },
  );
  ctx.out.result({ ok: true, executed: true, state: after, plan, shadow: summary, audit }, () =>
    [
      `${channel}: ${state.mode} → ${to}. ${plan.effect}`,
      describeState(after),
      `Audit #${audit.id}.`,
    ].join('\n\n'),
  );
}
