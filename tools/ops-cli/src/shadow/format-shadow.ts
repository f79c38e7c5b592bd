import { table } from '../cli/output';
import type { ChannelState, WriteMode } from './channel-state';
import { readiness, type ChannelShadowReport } from './read-shadow';

/** `shadow report` for a human: per channel its flows, divergences and readiness line. */
export function describeShadowReport(reports: ChannelShadowReport[], window: string): string {
  if (reports.length === 0) return `No shadow comparisons in the last ${window}.`;
  return reports
    .map((r) =>
      [
        `Channel ${r.channelCode}: ${readiness(r, window)}`,
        table(
          r.flows.map((f) => [f.flow, f.compared, f.matched, f.diverged, f.pending, f.skipped]),
          ['FLOW', 'COMPARED', 'MATCHED', 'DIVERGED', 'PENDING', 'SKIPPED'],
        ),
        r.divergences.length
          ? table(
              r.divergences.map((d) => [d.kind, d.orderId, d.sku, d.expected, d.actual, d.flow]),
              ['KIND', 'ORDER', 'SKU', 'EXPECTED', 'ACTUAL', 'FLOW'],
            )
          : 'No divergences.',
      ].join('\n\n'),
    )
    .join('\n\n');
}

/** What switching the channel to `to` does, in words the operator acts on. */
export function describeSwitch(state: ChannelState, to: WriteMode): string {
  const { channelCode: c, inFlight } = state;
  if (state.mode === to && state.source === 'channel_modes')
    return `Channel ${c} is already ${to} (channel_modes): nothing to change.`;
  if (state.mode === to)
    return (
      `Channel ${c} is ${to} by ODOO_WRITE_MODE_DEFAULT as o2c-ops reads it; the switch records ` +
      `${to} for ${c} explicitly, whatever odoo-adapter's own default is.`
    );
  if (to === 'live')
    return (
      `Cutover: odoo-adapter writes the NEW orders of ${c} to Odoo from the next OrderAccepted on; ` +
      `the existing integration must stop writing them. The ${inFlight.shadow} in-flight order(s) ` +
      'pinned to shadow stay with the existing integration: their later events are compared, never written.'
    );
  return (
    `Rollback: odoo-adapter stops writing the NEW orders of ${c} (they are compared in shadow; ` +
    `the existing integration writes them again). The ${inFlight.live} in-flight order(s) pinned ` +
    'to live are completed by odoo-adapter (their later events are still written), so Odoo never ' +
    'holds a half-written order; the existing integration must leave those orders alone. No event is dropped.'
  );
}

export function describeState(state: ChannelState): string {
  const set =
    state.source === 'default'
      ? 'ODOO_WRITE_MODE_DEFAULT'
      : `set ${state.changedAt ?? '?'} by ${state.changedBy ?? '?'}: ${state.reason ?? ''}`;
  return [
    `Channel ${state.channelCode}: ${state.mode} (${set})`,
    table(
      (['live', 'shadow'] as const).map((m) => [m, state.pinned[m], state.inFlight[m]]),
      ['PINNED_MODE', 'ORDERS', 'IN_FLIGHT'],
    ),
    ...(state.imported
      ? [
          `${state.imported} of the shadow orders were imported by bootstrap (Odoo's path finishes them).`,
        ]
      : []),
  ].join('\n');
}
