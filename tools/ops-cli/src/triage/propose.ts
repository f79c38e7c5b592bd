import { actCommand, redriveCommand, redriveSelections } from './action-commands';
import { dependencyState } from './dependency-state';
import type {
  ActionKind,
  Failure,
  FailureGroup,
  PastAction,
  ProposedAction,
  Signal,
} from './types';

/** A dependency was down: retrying the same thing once it is back succeeds. */
const dependencyDown =
  /TIMEOUT|UNAVAILABLE|CIRCUIT|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up|timed out|transport|\b50[234]\b/i;
/** Master data or a mapping is missing: the same thing succeeds once it is created. */
const masterData =
  /UNKNOWN_(SKU|UOM|WAREHOUSE|CUSTOMER|PRODUCT)|MAPPING_MISSING|NO_PRICELIST|CURRENCY_MISMATCH|ValidationError|MissingError/i;
/** Cannot be fixed by retrying or by a fix on our side. */
const poison = /DecodeError|SchemaMismatch|UNDECODABLE|cannot decode|no envelope|EnvelopeError/i;

/** What a fix of missing master data means, per code. */
const fixes: readonly [RegExp, string][] = [
  [
    /UNKNOWN_SKU|UNKNOWN_PRODUCT/i,
    'create or map the product (its SKU as default_code) in Odoo; check with `o2c-ops odoo doctor`',
  ],
  [/UNKNOWN_UOM/i, 'map the unit in ODOO_UOM_MAP or create it in Odoo'],
  [/UNKNOWN_WAREHOUSE/i, 'create or map the warehouse in Odoo'],
  [/UNKNOWN_CUSTOMER/i, 'create the customer in Odoo (by the key ODOO_CUSTOMER_KEY names)'],
  [/NO_PRICELIST|CURRENCY_MISMATCH/i, "give the order's currency a pricelist in Odoo"],
  [/MAPPING_MISSING/i, 'add the missing mapping'],
];

// The sample's own message too: the pattern has its status codes replaced by <n>.
const textOf = (g: FailureGroup) =>
  `${g.pattern.errorClass ?? ''} ${g.sample.message} ${g.sample.letterErrorClass ?? ''}`;

/** The action a group's features call for, before history is taken into account. */
function byFeatures(
  group: FailureGroup,
  signals: readonly Signal[],
): { kind: ActionKind; why: string; before: string[] } {
  const text = textOf(group);
  const letters = Object.values(group.dlqTopics).reduce((a, b) => a + b, 0);
  const dependency = dependencyName(group);
  if (group.pattern.source === 'held')
    return {
      kind: 'WAIT_AND_REDRIVE',
      why:
        `held, not dead-lettered: ${group.pattern.service} retries its partition's head itself and ` +
        `the messages behind it wait; once ${dependency} is back they go through, nothing to ` +
        `redrive${stateNote(dependency, group, signals)}`,
      before: [`${dependency} answers again (${dependencyCheck(dependency)})`],
    };
  if (group.pattern.source === 'order-rejection') {
    if (/DUPLICATE_ORDER/.test(text))
      return {
        kind: 'DISCARD',
        why: 'duplicate submissions: the first order stands, nothing is lost',
        before: [],
      };
    return {
      kind: 'ESCALATE',
      why: `orders rejected at intake (${group.pattern.errorClass}): the channel must correct and resubmit them`,
      before: [],
    };
  }
  if (poison.test(text))
    return {
      kind: 'DISCARD',
      why: 'poison: the message cannot be decoded, no fix or retry makes it readable',
      before: ['tell the producer of these messages'],
    };
  const fix = fixes.find(([re]) => re.test(text));
  if (masterData.test(text)) {
    const before = [fix ? fix[1] : 'create the missing master data the message names'];
    return letters > 0
      ? {
          kind: 'REDRIVE_AFTER_FIX',
          why: 'master data or a mapping is missing: the letters go through once it exists',
          before,
        }
      : {
          kind: 'ESCALATE',
          why: `master data is missing and ${group.pattern.service} kept no dead letter to redrive`,
          before,
        };
  }
  if (group.sample.retryable === true || dependencyDown.test(text)) {
    const before = [`${dependency} answers again (${dependencyCheck(dependency)})`];
    const now = stateNote(dependency, group, signals);
    return letters > 0
      ? {
          kind: 'WAIT_AND_REDRIVE',
          why: `${dependency} was unavailable: the same calls succeed once it is back${now}`,
          before,
        }
      : {
          kind: 'ESCALATE',
          why: `${dependency} was unavailable and ${group.pattern.service} kept no dead letter to redrive: the orders need a hand`,
          before,
        };
  }
  return { kind: 'ESCALATE', why: 'unknown cause: a person has to look at the sample', before: [] };
}

/** Whether the dependency is back, from its latest recorded transition, or '' when unknown. */
function stateNote(dependency: string, group: FailureGroup, signals: readonly Signal[]): string {
  const state = dependencyState(dependency, signals, group.sample.message);
  if (!state) return '';
  return state.back
    ? `; it is back: ${state.latest}`
    : `; it is still down: ${state.latest} is the latest, wait`;
}

function dependencyName(group: FailureGroup): string {
  const text = `${textOf(group)} ${group.pattern.topic ?? ''}`;
  if (group.pattern.odooModel || /odoo/i.test(text)) return 'Odoo';
  if (/carrier|shipment|BOOKING|DISPATCH/i.test(text)) return 'the carrier';
  if (/kafka|broker/i.test(text)) return 'Kafka';
  if (/registry|schema/i.test(text)) return 'the schema registry';
  return 'the dependency';
}

const dependencyCheck = (name: string) =>
  name === 'Odoo'
    ? '`o2c-ops odoo doctor`'
    : name === 'Kafka'
      ? '`o2c-ops lag`'
      : 'its health check';

const redrivable = (kind: ActionKind) =>
  kind === 'WAIT_AND_REDRIVE' || kind === 'REDRIVE_AFTER_FIX';

/** What history says about each kind: the audit ids that resolved and that did not resolve it. */
function historyByKind(history: readonly PastAction[]) {
  const by = new Map<ActionKind, { resolved: string[]; unresolved: string[] }>();
  for (const past of history) {
    const entry = by.get(past.kind) ?? { resolved: [], unresolved: [] };
    (past.resolved ? entry.resolved : entry.unresolved).push(past.auditId);
    by.set(past.kind, entry);
  }
  return by;
}

const ids = (list: readonly string[]) => list.map((id) => `audit #${id}`).join(', ');
const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/**
 * The runbook action for a group: by its features (dependency down, master data missing,
 * poison, rejection, unknown), then by history: an action that resolved this signature before
 * is preferred when it can run on the group now; actions that did not are named.
 */
export function propose(
  group: FailureGroup,
  failures: readonly Failure[],
  history: readonly PastAction[],
  override?: ActionKind,
  /** The platform signals around the group: whether the dependency it waits on is back. */
  signals: readonly Signal[] = [],
): ProposedAction {
  const features = byFeatures(group, signals);
  const letters = Object.values(group.dlqTopics).reduce((a, b) => a + b, 0);
  const past = historyByKind(history);
  let kind = features.kind;
  const why = [features.why];
  const best = [...past.entries()]
    .filter(([k, h]) => h.resolved.length > 0 && (!redrivable(k) || letters > 0))
    .sort((a, b) => b[1].resolved.length - a[1].resolved.length)[0];
  if (best) {
    if (best[0] !== kind) why.push(`history prefers ${best[0]} over ${kind}`);
    kind = best[0];
    why.push(
      `${kind} resolved it ${times(best[1].resolved.length)} before: ${ids(best[1].resolved)}`,
    );
  }
  for (const [k, h] of past)
    if (h.unresolved.length > 0)
      why.push(`${k} did not resolve it ${times(h.unresolved.length)}: ${ids(h.unresolved)}`);
  if (override && override !== kind) {
    why.push(`overridden by the operator: ${override} instead of ${kind}`);
    kind = override;
  }
  const selections = redriveSelections(group, failures);
  const held = group.pattern.source === 'held' && group.sample.group !== null;
  const commands =
    held && kind === 'WAIT_AND_REDRIVE'
      ? // Nothing to run: watch the held partition drain once the dependency is back.
        {
          command: `o2c-ops lag --group ${group.sample.group}`,
          dryRun: `o2c-ops lag --group ${group.sample.group}`,
        }
      : redrivable(kind) && selections.length > 0
        ? {
            command: selections.map((s) => redriveCommand(s, true)).join(' && '),
            dryRun: selections.map((s) => redriveCommand(s, false)).join(' && '),
          }
        : {
            command: actCommand(group.signature, kind, true),
            dryRun: actCommand(group.signature, kind, false),
          };
  return {
    kind,
    why: why.join('; '),
    before: features.before,
    ...commands,
    history: [...history],
    act: actCommand(group.signature, kind, true),
  };
}
