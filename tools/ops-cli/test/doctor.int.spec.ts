import type { DoctorReport } from '../src/doctor/setup-facts';
import { runCli } from './cli';
import { startOdooSim, type RunningSim } from './odoo-sim';

const KEYS = ['found', 'id', 'status', 'title'];
const statusOf = (r: DoctorReport, id: string) => r.checks.find((c) => c.id === id)?.status;

describe('o2c-ops odoo doctor', () => {
  describe('against a default install (no stock_delivery)', () => {
    let sim: RunningSim;
    beforeAll(async () => (sim = await startOdooSim()));
    afterAll(() => sim.stop());

    it('reports a warning for stock_delivery, no blocker, exit 0, in the documented JSON shape', async () => {
      const run = await runCli(['--json', 'odoo', 'doctor'], sim.env);
      expect(run.code).toBe(0);
      const report = run.json<DoctorReport>();
      expect(report).toMatchObject({
        ok: true,
        odoo: { url: sim.url, db: 'o2c', login: 'admin' },
        summary: { blocker: 0 },
      });
      for (const check of report.checks) {
        const keys = check.status === 'ok' ? KEYS : [...KEYS, 'remedy'].sort();
        expect(Object.keys(check).sort()).toEqual(keys);
        expect(['ok', 'warning', 'blocker']).toContain(check.status);
        expect(Object.values(check).every((v) => typeof v === 'string' && v !== '')).toBe(true);
      }
      expect(report.checks.find((c) => c.id === 'module:stock_delivery')).toMatchObject({
        status: 'warning',
        found: 'uninstalled',
      });
      expect(statusOf(report, 'sms-confirmation')).toBe('warning');
      expect(statusOf(report, 'access-rights')).toBe('ok');
      expect(report.summary.ok + report.summary.warning).toBe(report.checks.length);
    });

    it('prints a human report with the remedy under each finding', async () => {
      const run = await runCli(['odoo', 'doctor'], sim.env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^WARNING +module:stock_delivery .*uninstalled$/m);
      expect(run.stdout).toMatch(/→ install 'Delivery - Stock'/);
      expect(run.stdout).toMatch(/0 blockers: the platform can sync with this Odoo/);
    });

    it('blocks a read-only API user on the rights it lacks (exit 1)', async () => {
      const run = await runCli(['--json', 'odoo', 'doctor'], {
        ...sim.env,
        ODOO_LOGIN: 'readonly',
        ODOO_API_KEY: 'o2c-readonly-key',
      });
      expect(run.code).toBe(1);
      const access = run.json<DoctorReport>().checks.find((c) => c.id === 'access-rights');
      expect(access).toMatchObject({ status: 'blocker' });
      expect(access?.found).toContain('sale.order create');
      expect(access?.found).not.toContain('sale.order read');
    });

    it('turns a refused API key into a connection blocker (exit 1)', async () => {
      const run = await runCli(['--json', 'odoo', 'doctor'], { ...sim.env, ODOO_API_KEY: 'nope' });
      expect(run.code).toBe(1);
      expect(run.json<DoctorReport>().checks).toEqual([
        expect.objectContaining({ id: 'connection', status: 'blocker' }),
      ]);
    });
  });

  describe('against a database without sale_management', () => {
    let sim: RunningSim;
    beforeAll(async () => (sim = await startOdooSim({ modules: ['stock', 'account'] })));
    afterAll(() => sim.stop());

    it('reports a blocker and exits 1', async () => {
      const run = await runCli(['--json', 'odoo', 'doctor'], sim.env);
      expect(run.code).toBe(1);
      const report = run.json<DoctorReport>();
      expect(report.ok).toBe(false);
      const sale = report.checks.find((c) => c.id === 'module:sale_management');
      expect(sale).toMatchObject({ status: 'blocker', found: 'uninstalled' });
      expect(sale?.remedy).toContain('sale_management');
      expect(statusOf(report, 'module:stock')).toBe('ok');
      expect(statusOf(report, 'sms-confirmation')).toBe('ok');
    });
  });

  describe('against Odoo 19 over JSON-2 (named arguments only)', () => {
    let sim: RunningSim;
    beforeAll(async () => (sim = await startOdooSim({ version: '19' })));
    afterAll(() => sim.stop());

    it('checks the access rights over JSON-2 too', async () => {
      const run = await runCli(['--json', 'odoo', 'doctor'], {
        ...sim.env,
        ODOO_LOGIN: 'readonly',
        ODOO_API_KEY: 'o2c-readonly-key',
      });
      const report = run.json<DoctorReport>();
      expect(report.checks.find((c) => c.id === 'transport')?.found).toBe('JSON-2');
      expect(report.checks.find((c) => c.id === 'access-rights')?.found).toContain(
        'account.move create',
      );
      expect(run.code).toBe(1);
    });
  });

  it('documents itself with --help (exit 0)', async () => {
    const run = await runCli(['odoo', 'doctor', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit code 1 when there is a blocker');
    expect(run.stdout).toContain('--currency <codes>');
  });
});
