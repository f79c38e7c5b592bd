import { join } from 'node:path';
import { spawnProcess, waitFor, type SpawnedProcess } from '@o2c/testing';
import { createOdooClient, OdooError, type OdooClient, type OdooProtocol } from '../src';

const SIM_MAIN = join(__dirname, '../../../infra/odoo-sim/src/main.ts');
const ADMIN = { login: 'admin', apiKey: 'o2c-admin-key' };
const READONLY = { login: 'readonly', apiKey: 'o2c-readonly-key' };

async function startSim(version: string): Promise<{ sim: SpawnedProcess; url: string }> {
  const sim = spawnProcess(SIM_MAIN, { ODOO_SIM_PORT: '0', ODOO_SIM_VERSION: version });
  const url = await waitFor(
    () => {
      const line = sim
        .output()
        .split('\n')
        .find((l) => l.includes('"msg":"odoo-sim listening"'));
      return line ? /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(line)?.[1] : undefined;
    },
    { what: `odoo-sim ${version} to listen`, timeoutMs: 30_000 },
  );
  return { sim, url };
}

async function injectFault(url: string, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/__sim/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(response.status).toBe(200);
}

async function caught(promise: Promise<unknown>): Promise<OdooError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OdooError)) throw new Error('expected an OdooError', { cause: error });
  return error;
}

const matrix: Array<[string, Array<OdooProtocol | 'auto'>]> = [
  ['16', ['jsonrpc', 'auto']],
  ['17', ['jsonrpc', 'auto']],
  ['18', ['jsonrpc', 'auto']],
  ['19', ['jsonrpc', 'json2', 'auto']],
];

describe.each(matrix)('odoo-client against odoo-sim %s', (version, transports) => {
  let sim: SpawnedProcess;
  let url: string;

  beforeAll(async () => {
    ({ sim, url } = await startSim(version));
  });
  afterAll(async () => {
    sim.child.kill('SIGTERM');
    await sim.exited;
  });

  describe.each(transports)('over %s', (transport) => {
    const connect = (user: { login: string; apiKey: string }): OdooClient =>
      createOdooClient({ url, db: 'o2c', transport, timeoutMs: 10_000, ...user });
    let admin: OdooClient;
    beforeAll(() => {
      admin = connect(ADMIN);
    });

    it('picks the protocol the version supports and reads the version', async () => {
      const expected = transport === 'auto' ? (version === '19' ? 'json2' : 'jsonrpc') : transport;
      await expect(admin.protocol()).resolves.toBe(expected);
      await expect(admin.version()).resolves.toMatchObject({ major: Number(version) });
    });

    it('authenticates a good key and refuses a bad one', async () => {
      await expect(admin.authenticate()).resolves.toBe(2);
      const intruder = connect({ login: 'admin', apiKey: 'not-a-key' });
      await expect(caught(intruder.authenticate())).resolves.toMatchObject({
        kind: 'access_denied',
        retryable: false,
      });
    });

    it('creates from a dict and from a list, then finds them by domain', async () => {
      const tag = `odoo-client ${version} ${transport} ${Date.now()}`;
      const one = await admin.create('res.partner', { name: `${tag} A`, is_company: true });
      const many = await admin.create('res.partner', [{ name: `${tag} B` }, { name: `${tag} C` }]);
      expect(typeof one).toBe('number');
      expect(many).toHaveLength(2);
      const rows = await admin.searchRead('res.partner', [['name', '=like', `${tag}%`]], {
        fields: ['name', 'is_company'],
        order: 'id asc',
      });
      expect(rows.map((r) => r.id)).toEqual([one, ...many]);
      expect(rows[0]).toMatchObject({ name: `${tag} A`, is_company: true });
      await expect(admin.searchCount('res.partner', [['name', '=like', `${tag}%`]])).resolves.toBe(
        3,
      );
    });

    it('writes, silently drops a deleted id on read, and raises MissingError on write', async () => {
      const [kept, gone] = await admin.create('res.partner', [{ name: 'keep' }, { name: 'gone' }]);
      await expect(admin.write('res.partner', [kept!], { name: 'kept' })).resolves.toBe(true);
      await expect(admin.unlink('res.partner', [gone!])).resolves.toBe(true);
      const rows = await admin.read('res.partner', [kept!, gone!], ['name']);
      expect(rows).toEqual([{ id: kept, name: 'kept' }]);
      const error = await caught(admin.write('res.partner', [gone!], { name: 'back' }));
      expect(error).toMatchObject({ kind: 'missing', name: 'odoo.exceptions.MissingError' });
    });

    it('gives AccessError to the read-only user and for a private method', async () => {
      const readonly = connect(READONLY);
      const denied = await caught(readonly.create('res.partner', { name: 'nope' }));
      expect(denied).toMatchObject({ kind: 'access', name: 'odoo.exceptions.AccessError' });
      const [id] = await admin.search('res.partner', [], { limit: 1 });
      const privateCall = await caught(
        admin.call('res.partner', '_compute_display_name', { ids: [id!] }),
      );
      expect(privateCall).toMatchObject({ kind: 'access', retryable: false });
    });

    it('reports a connection lost after commit as a timeout, and the record exists', async () => {
      const ref = `lost-${transport}-${Date.now()}`;
      await injectFault(url, {
        kind: 'timeout_after_commit',
        model: 'res.partner',
        method: 'create',
        count: 1,
      });
      const error = await caught(admin.create('res.partner', { name: 'lost', ref }));
      expect(error).toMatchObject({ kind: 'timeout', retryable: true });
      await expect(admin.searchCount('res.partner', [['ref', '=', ref]])).resolves.toBe(1);
    });

    it('reports a serialization failure as retryable concurrency', async () => {
      await injectFault(url, { kind: 'serialization_failure', model: 'res.partner', count: 1 });
      const error = await caught(admin.search('res.partner', [], { limit: 1 }));
      expect(error).toMatchObject({ kind: 'concurrency', retryable: true });
    });
  });
});
