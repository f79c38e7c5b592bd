import { commands, createOdooClient, m2oId, m2oName, OdooError } from '../src';

describe('m2oId', () => {
  it('reads a pair, a bare id and an empty value', () => {
    expect(m2oId([8, 'Deco Addict'])).toBe(8);
    expect(m2oId(8)).toBe(8);
    expect(m2oId(false)).toBeNull();
    expect(m2oName([8, 'Deco Addict'])).toBe('Deco Addict');
    expect(m2oName(8)).toBeNull();
  });
});

describe('commands', () => {
  it('builds the wire triples', () => {
    expect([
      commands.create({ name: 'x' }),
      commands.update(3, { name: 'y' }),
      commands.delete(3),
      commands.unlink(3),
      commands.link(4),
      commands.clear(),
      commands.set([1, 2]),
    ]).toEqual([
      [0, 0, { name: 'x' }],
      [1, 3, { name: 'y' }],
      [2, 3, 0],
      [3, 3, 0],
      [4, 4, 0],
      [5, 0, 0],
      [6, 0, [1, 2]],
    ]);
  });
});

describe('OdooError.retryable', () => {
  it('keeps a known class non-retryable even on a 5xx', () => {
    const error = new OdooError({
      name: 'builtins.ValueError',
      message: 'x',
      kind: 'value',
      httpStatus: 500,
    });
    expect(error.retryable).toBe(false);
    expect(
      new OdooError({ name: 'x', message: 'x', kind: 'unknown', httpStatus: 503 }).retryable,
    ).toBe(true);
  });
});

describe('createOdooClient', () => {
  it('reports an unusable URL as an OdooError, not a bare TypeError', async () => {
    const client = createOdooClient({
      url: 'not a url',
      db: 'o2c',
      login: 'admin',
      apiKey: 'k',
      transport: 'jsonrpc',
    });
    await expect(client.version()).rejects.toMatchObject({ kind: 'transport' });
  });
});
