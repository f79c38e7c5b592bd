import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createDb, type Db } from '@o2c/db';
import { createTestDatabase, spawnProcess, type TestDatabase } from '@o2c/testing';
import { runCli } from './cli';

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);

/** A database with odoo-adapter's real schema: its own `main.ts migrate`. */
async function adapterDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('cutover_adapter');
  const entry = join(__dirname, '../../../services/odoo-adapter/src/main.ts');
  const proc = spawnProcess(entry, { DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, ['migrate']);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`odoo-adapter migrate exited ${code}:\n${proc.output()}`);
  return db;
}

interface ReportJson {
  channels: Array<{
    channelCode: string;
    flows: Array<{
      flow: string;
      compared: number;
      matched: number;
      diverged: number;
      pending: number;
      skipped: number;
    }>;
    divergences: Array<{
      kind: string;
      orderId: string;
      sku: string;
      expected: string;
      actual: string;
    }>;
    readiness: string;
  }>;
}

interface CutoverJson {
  executed: boolean;
  noop?: boolean;
  state: { mode: string; source: string; inFlight: { live: number; shadow: number } };
  plan: { from: string; to: string; effect: string };
  audit?: { id: string; command: string; result: string; arguments: Record<string, unknown> };
}

describe('o2c-ops shadow report and cutover (odoo-adapter database)', () => {
  let adapter: TestDatabase;
  let ops: TestDatabase;
  let db: Db;
  let env: Record<string, string>;
  const auditRows = async () => {
    const opsDb = createDb(ops.url, { poolMax: 1 });
    try {
      const exists = await opsDb.raw<{ rows: [{ t: unknown }] }>(
        "select to_regclass('ops_audit') as t",
      );
      return exists.rows[0].t
        ? ((await opsDb('ops_audit').where({ command: 'cutover' })) as Array<
            Record<string, unknown>
          >)
        : [];
    } finally {
      await opsDb.destroy();
    }
  };

  beforeAll(async () => {
    [adapter, ops] = await Promise.all([adapterDatabase(), createTestDatabase('cutover_ops')]);
    db = createDb(adapter.url, { poolMax: 2 });
    env = {
      ODOO_ADAPTER_DATABASE_URL: adapter.url,
      OPS_DATABASE_URL: ops.url,
      ODOO_WRITE_MODE_DEFAULT: 'shadow',
    };
    const pin = (order: string, channel: string, mode: string) => ({
      order_id: order,
      channel_code: channel,
      channel_order_ref: `REF-${order}`,
      mode,
    });
    await db('order_modes').insert([
      pin('live-done', 'web', 'live'),
      pin('live-open', 'web', 'live'),
      pin('o1', 'web', 'shadow'),
      pin('o2', 'web', 'shadow'),
      pin('o3', 'web', 'shadow'),
      pin('b1', 'b2b', 'shadow'),
    ]);
    await db('odoo_sync_log').insert({
      event_id: randomUUID(),
      event_type: 'InvoiceIssued',
      order_id: 'live-done',
      odoo_model: 'account.move',
      odoo_id: 1,
      action: 'posted',
    });
    const check = (
      order: string,
      channel: string,
      flow: string,
      status: string,
      at = ago(60_000),
    ) => ({
      source_event_id: randomUUID(),
      order_id: order,
      channel_code: channel,
      flow,
      payload: '{}',
      status,
      first_at: at,
    });
    const diverged = check('o2', 'web', 'SALE_ORDER', 'diverged');
    await db('shadow_checks').insert([
      check('o1', 'web', 'SALE_ORDER', 'matched'),
      diverged,
      check('o3', 'web', 'SALE_ORDER', 'pending'),
      check('o1', 'web', 'INVOICE', 'matched'),
      check('o1', 'web', 'ReturnReceived', 'skipped'),
      check('old', 'web', 'SALE_ORDER', 'diverged', ago(3 * DAY)),
      check('b1', 'b2b', 'SALE_ORDER', 'matched'),
    ]);
    const divergence = (at: Date) => ({
      source_event_id: diverged.source_event_id,
      order_id: 'o2',
      channel_code: 'web',
      flow: 'SALE_ORDER',
      kind: 'QUANTITY_DIFFERS',
      sku: 'FURN-001',
      expected: '3',
      actual: '2',
      odoo_model: 'sale.order',
      odoo_id: '7',
      detected_at: at,
    });
    await db('shadow_divergences').insert([
      divergence(ago(30_000)),
      { ...divergence(ago(3 * DAY)), order_id: 'old', kind: 'PRICE_DIFFERS' },
    ]);
  });
  afterAll(async () => {
    await db?.destroy();
    await Promise.all([adapter?.drop(), ops?.drop()]);
  });

  it('shadow report: per channel and flow, the divergences of the window and a readiness line', async () => {
    const run = await runCli(['--json', 'shadow', 'report', '--since', '24h'], env);
    expect(run.code).toBe(0);
    const { channels } = run.json<ReportJson>();
    expect(channels.map((c) => c.channelCode)).toEqual(['b2b', 'web']);
    const web = channels[1]!;
    expect(web.flows).toEqual([
      { flow: 'INVOICE', compared: 1, matched: 1, diverged: 0, pending: 0, skipped: 0 },
      { flow: 'ReturnReceived', compared: 0, matched: 0, diverged: 0, pending: 0, skipped: 1 },
      { flow: 'SALE_ORDER', compared: 2, matched: 1, diverged: 1, pending: 1, skipped: 0 },
    ]);
    expect(web.divergences).toEqual([
      expect.objectContaining({
        kind: 'QUANTITY_DIFFERS',
        orderId: 'o2',
        sku: 'FURN-001',
        expected: '3',
        actual: '2',
      }),
    ]);
    expect(web.readiness).toBe('1 divergence over 2 compared orders in 24h (1 comparison pending)');
    expect(channels[0]!.readiness).toBe('0 divergences over 1 compared order in 24h');

    const text = await runCli(['shadow', 'report', '--channel', 'b2b'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Channel b2b: 0 divergences over 1 compared order in 24h');
    expect(text.stdout).not.toContain('web');
  });

  it('cutover: a dry run writes nothing; an unknown mode or a missing reason is refused', async () => {
    const dry = await runCli(['--json', 'cutover', 'web', '--to', 'live'], env);
    expect(dry.code).toBe(0);
    const plan = dry.json<CutoverJson>();
    expect(plan).toMatchObject({
      executed: false,
      state: { mode: 'shadow', source: 'default', inFlight: { live: 1, shadow: 2 } },
      plan: { from: 'shadow', to: 'live' },
    });
    expect(plan.plan.effect).toContain('The 2 in-flight order(s) pinned to shadow stay');
    expect(await db('channel_modes')).toEqual([]);
    expect(await auditRows()).toEqual([]);

    const unknown = await runCli(
      ['cutover', 'web', '--to', 'sideways', '--execute', '--reason', 'x'],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain("unknown mode 'sideways'");
    const unexplained = await runCli(['cutover', 'web', '--to', 'live', '--execute'], env);
    expect(unexplained.code).toBe(2);
    expect(await db('channel_modes')).toEqual([]);
    expect(await auditRows()).toEqual([]);
  });

  it('cutover --execute writes the mode and one audit row; the same switch again is a no-op', async () => {
    const run = await runCli(
      [
        '--json',
        'cutover',
        'web',
        '--to',
        'live',
        '--execute',
        '--reason',
        'shadow clean for a week',
      ],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.json<CutoverJson>()).toMatchObject({
      executed: true,
      state: { mode: 'live', source: 'channel_modes' },
    });
    expect(await db('channel_modes').select('channel_code', 'mode', 'reason')).toEqual([
      { channel_code: 'web', mode: 'live', reason: 'shadow clean for a week' },
    ]);
    const again = await runCli(
      ['--json', 'cutover', 'web', '--to', 'live', '--execute', '--reason', 'again'],
      env,
    );
    expect(again.code).toBe(0);
    expect(again.json<CutoverJson>()).toMatchObject({ executed: false, noop: true });
    const audits = await auditRows();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      result: 'ok',
      arguments: { channel: 'web', from: 'shadow', to: 'live', reason: 'shadow clean for a week' },
    });
    // A mode inherited from the default (o2c-ops' own reading of it) is never a no-op.
    const inherited = await runCli(
      ['--json', 'cutover', 'shop2', '--to', 'shadow', '--execute', '--reason', 'explicit'],
      { ...env, ODOO_WRITE_MODE_DEFAULT: 'shadow' },
    );
    expect(inherited.json<CutoverJson>()).toMatchObject({
      executed: true,
      state: { mode: 'shadow', source: 'channel_modes' },
    });
  });

  it('rollback (--to shadow) says the in-flight live orders are completed by the adapter', async () => {
    const run = await runCli(['cutover', 'web', '--to', 'shadow'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('DRY RUN: web live → shadow. Rollback');
    expect(run.stdout).toContain(
      'The 1 in-flight order(s) pinned to live are completed by odoo-adapter',
    );
    expect(await db('channel_modes').first('mode')).toEqual({ mode: 'live' });
  });
});
