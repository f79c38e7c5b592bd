import { hashApiKey, parseApiKeys } from '@o2c/http';
import { runCli } from './cli';

describe('o2c-ops api-key', () => {
  it('prints a new random key and the API_KEYS entry holding only its hash', async () => {
    const runs = await Promise.all(
      [1, 2].map(() =>
        runCli(['--json', 'api-key', '--client', 'shop', '--scopes', 'orders:write,orders:read']),
      ),
    );
    const [a, b] = runs.map((r) => r.json<{ key: string; entry: string }>());
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(a!.key).not.toBe(b!.key);
    expect(a!.entry).not.toContain(a!.key);
    expect(parseApiKeys(a!.entry)).toEqual([
      { client: 'shop', sha256: hashApiKey(a!.key), scopes: ['orders:write', 'orders:read'] },
    ]);
  });

  it('refuses an unknown scope with exit 2', async () => {
    const run = await runCli(['api-key', '--client', 'shop', '--scopes', 'orders:delete']);
    expect(run.code).toBe(2);
    expect(run.output).toContain('unknown scope orders:delete');
  });
});
