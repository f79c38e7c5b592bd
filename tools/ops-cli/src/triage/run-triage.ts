import { openOpsDb } from '../audit/ops-db';
import type { OpsContext } from '../context';
import { causesOf, type Cause } from './causes';
import { rankChanges } from './changes';
import { withoutConsequences } from './failure-fields';
import { groupFailures } from './group-failures';
import { judgePastActions } from './history';
import { propose } from './propose';
import { readEventFailures } from './read-event-failures';
import { readHeldFailures } from './read-held-failures';
import { readActRecords, readDiscarded } from './read-history';
import { readLetterFailures, type Window } from './read-letter-failures';
import { readOrders } from './read-orders';
import { readSignalReport } from './read-signals';
import type { ActionKind, Failure, TriagedGroup } from './types';

export interface TriageOptions {
  window: Window;
  registryUrl: string;
  /** TOPIC_PREFIX of the services (prepended to every topic and consumer group). */
  topicPrefix: string;
  /** Only failures of this source topic (its dead-letter topics and failure events). */
  topic?: string;
  /** Only this signature (show, act). */
  signature?: string;
  /** Rank candidate causes (reads the platform signals); default true. */
  changes?: boolean;
  /** The action the operator chose instead of the proposed one (act --action). */
  override?: ActionKind;
}

export interface TriageRun {
  window: Window;
  groups: (TriagedGroup & { failures: Failure[]; proposedKind: ActionKind })[];
  /** Sources that could not be read: their failures are missing, not zero. */
  warnings: string[];
  /** Incidents: groups sharing their top candidate cause (causes.ts). */
  causes: Cause[];
}

/** Reads the window's failures, groups them, ranks what changed and proposes an action each. */
export async function runTriage(ctx: OpsContext, options: TriageOptions): Promise<TriageRun> {
  const opsDb = await openOpsDb(ctx.config.opsDatabaseUrl);
  try {
    const { window } = options;
    ctx.out.note('reading dead letters…');
    const letters = await readLetterFailures(ctx, opsDb, window, await readDiscarded(opsDb), {
      ...(options.topic !== undefined ? { topic: options.topic } : {}),
      topicPrefix: options.topicPrefix,
    });
    ctx.out.note('reading failure events…');
    const events = await readEventFailures(ctx, options.registryUrl, window, options.topicPrefix);
    ctx.out.note('reading held work…');
    const held = await readHeldFailures(ctx, options.topicPrefix);
    const failures = withoutConsequences([
      ...letters.failures,
      ...[...events.failures, ...held.failures].filter(
        (f) => options.topic === undefined || f.topic === options.topic,
      ),
    ]);
    const warnings = [...letters.warnings, ...events.warnings, ...held.warnings];
    const orderIds = [...new Set(failures.flatMap((f) => (f.orderId ? [f.orderId] : [])))];
    ctx.out.note(
      `${failures.length} failures, ${orderIds.length} orders: reading orders and signals…`,
    );
    const orders = await readOrders(ctx, orderIds);
    if (orders.warning) warnings.push(orders.warning);
    let grouped = groupFailures(failures, orders.orders, window.toMs);
    if (options.signature !== undefined)
      grouped = grouped.filter((g) => g.group.signature === options.signature);
    const earliest = Math.min(window.fromMs, ...grouped.map((g) => g.group.firstSeen));
    // `act` needs no candidate causes: the signals (consumer lag of every group) are skipped.
    const report =
      options.changes === false
        ? { signals: [], warnings: [] }
        : await readSignalReport(ctx, {
            fromMs: earliest - 30 * 60_000,
            toMs: window.toMs,
            registryUrl: options.registryUrl,
            topicPrefix: options.topicPrefix,
            ...(options.topicPrefix ? { groupPrefix: options.topicPrefix } : {}),
            failures: events.failures,
          });
    const { signals } = report;
    warnings.push(...report.warnings.map((w) => `signals: ${w}`));
    const records = await readActRecords(
      opsDb,
      grouped.map((g) => g.group.signature),
    );
    const groups = grouped.map(({ group, failures: list }) => {
      const history = judgePastActions(records.get(group.signature) ?? [], list);
      const proposal = propose(group, list, history, options.override, signals);
      const proposedKind = options.override
        ? propose(group, list, history, undefined, signals).kind
        : proposal.kind;
      return {
        ...group,
        changes: rankChanges({ ...group, times: list.map((f) => f.at) }, signals),
        proposal,
        failures: list,
        proposedKind,
      };
    });
    return { window, groups, warnings, causes: causesOf(groups, signals) };
  } finally {
    await opsDb.destroy();
  }
}
