import type { AuditRecord } from '../audit/audited';
import { failure } from '../../test/triage-failures';
import { groupFailures } from './group-failures';
import { judgePastActions } from './history';
import { propose } from './propose';
import type { Failure, PastAction } from './types';

const groupOf = (failures: Failure[]) => groupFailures(failures, new Map(), 10_000)[0]!;

const odooDown = (n: number, overrides: Partial<Failure> = {}) =>
  failure({
    errorClass: 'OdooError',
    message: `sale.order/create: Odoo unavailable (503) for order ORD-${n}`,
    at: 1_000 + n,
    ref: `dlq:sales.orders.dlq.odoo-adapter/0/${n}`,
    letterErrorClass: 'OdooError',
    ...overrides,
  });

const past = (auditId: string, kind: PastAction['kind'], resolved: boolean): PastAction => ({
  auditId,
  kind,
  resolved,
  at: 500,
  actor: 'os:sre',
});

describe('propose', () => {
  it('waits and redrives when a dependency was down, with the exact redrive and its dry run', () => {
    const { group, failures } = groupOf([odooDown(1), odooDown(2)]);
    const proposal = propose(group, failures, []);

    expect(proposal.kind).toBe('WAIT_AND_REDRIVE');
    expect(proposal.before).toEqual(['Odoo answers again (`o2c-ops odoo doctor`)']);
    expect(proposal.dryRun).toMatch(
      /^o2c-ops dlq redrive sales\.orders\.dlq\.odoo-adapter --reason '\^\\S\+ OdooError: .*' --type OrderAccepted$/,
    );
    expect(proposal.command).toBe(`${proposal.dryRun} --execute`);
    expect(proposal.act).toBe(
      `o2c-ops triage act ${group.signature} --action WAIT_AND_REDRIVE --execute`,
    );
  });

  it("selects the group's letters and not another cause's with its --reason", () => {
    const { group, failures } = groupOf([odooDown(1), odooDown(2)]);
    const reason = /--reason '(.*)' --type/
      .exec(propose(group, failures, []).dryRun)![1]!
      .replace(/'\\''/g, "'");
    const re = new RegExp(reason);

    expect(
      re.test('exhausted OdooError: sale.order/create: Odoo unavailable (503) for order ORD-77'),
    ).toBe(true);
    expect(re.test("permanent OdooError: product 'X' is not in Odoo")).toBe(false);
    expect(
      re.test('exhausted TimeoutError: sale.order/create: Odoo unavailable (503) for order ORD-77'),
    ).toBe(false);
  });

  it('says whether the dependency is back, from its latest recorded transition', () => {
    const { group, failures } = groupOf([odooDown(1)]);
    const signal = (kind: string, at: number) => ({
      at,
      kind,
      service: 'odoo-adapter',
      subject: 'odoo',
      detail: null,
      origin: 'recorded' as const,
    });
    const opened = signal('CIRCUIT_OPENED', Date.parse('2026-12-04T10:00:00Z'));
    const closed = signal('CIRCUIT_CLOSED', Date.parse('2026-12-04T10:14:03Z'));

    expect(propose(group, failures, [], undefined, [opened, closed]).why).toContain(
      'it is back: CIRCUIT_CLOSED odoo at 10:14:03Z by odoo-adapter',
    );
    expect(propose(group, failures, [], undefined, [opened]).why).toContain(
      'it is still down: CIRCUIT_OPENED odoo at 10:00:00Z by odoo-adapter is the latest, wait',
    );
    expect(propose(group, failures, []).why).not.toMatch(/it is (back|still down):/);
  });

  it('tells carriers apart by the code the failure names', () => {
    const carrier = (kind: string, subject: string, at: number) => ({
      at,
      kind,
      service: 'fulfillment',
      subject,
      detail: null,
      origin: 'recorded' as const,
    });
    const { group, failures } = groupOf([
      odooDown(1, {
        message: 'BOOKING: ups unavailable after 3 attempts: HTTP 503',
        errorClass: 'CARRIER_UNAVAILABLE',
        letterErrorClass: 'CarrierError',
      }),
    ]);
    const signals = [
      carrier('CARRIER_UNREACHABLE', 'carrier:ups', 1_000),
      carrier('CARRIER_REACHABLE', 'carrier:dhl', 2_000),
    ];

    expect(propose(group, failures, [], undefined, signals).why).toContain(
      'it is still down: CARRIER_UNREACHABLE carrier:ups',
    );
  });

  it('waits on held work: the service retries it itself, the command watches it drain', () => {
    const { group, failures } = groupOf([
      odooDown(1, { source: 'held', dlqTopic: null, ref: 'held:odoo-adapter/sales.orders/0/5' }),
      odooDown(2, { source: 'held', dlqTopic: null, ref: 'held:odoo-adapter/sales.orders/0/6' }),
    ]);
    const proposal = propose(group, failures, []);

    expect(proposal.kind).toBe('WAIT_AND_REDRIVE');
    expect(proposal.why).toMatch(/^held, not dead-lettered: odoo-adapter retries/);
    expect(proposal.command).toBe('o2c-ops lag --group odoo-adapter');
    expect(proposal.before).toEqual(['Odoo answers again (`o2c-ops odoo doctor`)']);
  });

  it('redrives after a fix when master data is missing, naming the fix', () => {
    const { group, failures } = groupOf([
      failure({ letterErrorClass: 'DomainError', letterErrorCode: 'UNKNOWN_SKU' }),
    ]);
    const proposal = propose(group, failures, []);

    expect(proposal.kind).toBe('REDRIVE_AFTER_FIX');
    expect(proposal.before[0]).toMatch(/create or map the product/);
    expect(proposal.command).toContain('--header dlq-error-code=UNKNOWN_SKU');
  });

  it('escalates rejections the channel must fix, and discards duplicates and poison', () => {
    const rejected = (errorClass: string) =>
      groupOf([failure({ source: 'order-rejection', errorClass, dlqTopic: null, channel: 'web' })]);
    const poison = groupOf([
      failure({ errorClass: 'DecodeError', message: 'cannot decode Avro value: bad magic byte' }),
    ]);

    expect(propose(rejected('UNKNOWN_SKU').group, [], []).kind).toBe('ESCALATE');
    expect(propose(rejected('DUPLICATE_ORDER').group, [], []).kind).toBe('DISCARD');
    const discard = propose(poison.group, poison.failures, []);
    expect(discard.kind).toBe('DISCARD');
    expect(discard.why).toMatch(/poison/);
    expect(discard.command).toBe(
      `o2c-ops triage act ${poison.group.signature} --action DISCARD --execute`,
    );
  });

  it('escalates an unknown cause, and a retryable one with no letter to redrive', () => {
    const unknown = groupOf([failure({ errorClass: 'TypeError', message: 'x is undefined' })]);
    const sync = groupOf([
      failure({
        source: 'sync-failure',
        errorClass: 'ODOO_UNAVAILABLE',
        retryable: true,
        dlqTopic: null,
      }),
    ]);

    expect(propose(unknown.group, unknown.failures, []).kind).toBe('ESCALATE');
    const escalate = propose(sync.group, sync.failures, []);
    expect(escalate.kind).toBe('ESCALATE');
    expect(escalate.why).toMatch(/no dead letter to redrive/);
  });

  it('prefers what resolved the signature before and says so, naming what did not', () => {
    const { group, failures } = groupOf([
      failure({ errorClass: 'TypeError', message: 'x is undefined' }),
    ]);
    const history = [
      past('19', 'REDRIVE_AFTER_FIX', true),
      past('15', 'ESCALATE', false),
      past('12', 'REDRIVE_AFTER_FIX', true),
    ];
    const proposal = propose(group, failures, history);

    expect(proposal.kind).toBe('REDRIVE_AFTER_FIX');
    expect(proposal.why).toContain(
      'REDRIVE_AFTER_FIX resolved it 2 times before: audit #19, audit #12',
    );
    expect(proposal.why).toContain('ESCALATE did not resolve it once: audit #15');
    expect(proposal.history).toEqual(history);
  });

  it('keeps its own proposal when history only holds failures, and honours an override', () => {
    const { group, failures } = groupOf([odooDown(1)]);
    const proposal = propose(group, failures, [past('3', 'WAIT_AND_REDRIVE', false)]);

    expect(proposal.kind).toBe('WAIT_AND_REDRIVE');
    expect(proposal.why).toContain('WAIT_AND_REDRIVE did not resolve it once: audit #3');
    const overridden = propose(group, failures, [], 'ESCALATE');
    expect(overridden.kind).toBe('ESCALATE');
    expect(overridden.why).toMatch(
      /overridden by the operator: ESCALATE instead of WAIT_AND_REDRIVE/,
    );
  });
});

describe('judgePastActions', () => {
  const record = (
    id: string,
    args: Record<string, unknown>,
    started: number,
    finished: number,
  ): AuditRecord => ({
    id,
    actor: 'os:sre',
    command: 'triage act',
    arguments: { signature: 'abc', proposed: args.action, overridden: false, ...args },
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    result: 'ok',
    counts: {},
    error: null,
  });

  it('judges a redrive by whether its letters failed again', () => {
    const records = [
      record('7', { action: 'WAIT_AND_REDRIVE', redriveIds: ['redrive-a'] }, 1_000, 2_000),
      record('9', { action: 'WAIT_AND_REDRIVE', redriveIds: ['redrive-b'] }, 5_000, 6_000),
    ];
    // redrive-a's letters came back failing; later failures are new ones (the group came back).
    const failures = [failure({ at: 3_000, redriveId: 'redrive-a' }), failure({ at: 8_000 })];

    expect(judgePastActions(records, failures)).toEqual([
      expect.objectContaining({ auditId: '9', resolved: true, at: 6_000 }),
      expect.objectContaining({
        auditId: '7',
        resolved: false,
        judgedBy: '1 of the letters it redrove failed again',
      }),
    ]);
  });

  it('judges other actions by failures between it and the next action', () => {
    const records = [
      record('1', { action: 'ESCALATE' }, 1_000, 1_000),
      record('2', { action: 'ESCALATE' }, 5_000, 5_000),
    ];
    const judged = judgePastActions(records, [failure({ at: 3_000 })]);

    expect(judged.map((p) => [p.auditId, p.resolved])).toEqual([
      ['2', true],
      ['1', false],
    ]);
  });

  it('ignores failed and unfinished rows', () => {
    const failed = { ...record('1', { action: 'ESCALATE' }, 1, 2), result: 'failed' as const };
    const running = { ...record('2', { action: 'ESCALATE' }, 1, 2), finishedAt: null };
    expect(judgePastActions([failed, running], [])).toEqual([]);
  });
});
