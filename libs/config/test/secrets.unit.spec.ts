import { z } from 'zod';
import { ConfigError, parseEnv, resolveSecrets, runModeEnv, secretValues, secretVar } from '../src';

const Schema = z.object({ ...runModeEnv, API_KEY: secretVar(), HOOK_SECRET: secretVar() });
const load = (env: Record<string, string>) =>
  resolveSecrets(parseEnv(Schema, env), { API_KEY: 'dev-key', HOOK_SECRET: 'dev-hook' });

describe('resolveSecrets', () => {
  it('gives missing secrets their development defaults in development mode only', () => {
    expect(load({ O2C_ENV: 'development', HOOK_SECRET: 'mine' })).toEqual({
      O2C_ENV: 'development',
      API_KEY: 'dev-key',
      HOOK_SECRET: 'mine',
    });
  });

  it('refuses to start outside development without every secret, naming each and no value', () => {
    const attempt = () => load({ HOOK_SECRET: 'a-real-secret' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/API_KEY is not set \(required unless O2C_ENV=development\)/);
    expect(attempt).not.toThrow(/HOOK_SECRET/);
  });

  it('refuses a public development value outside development, also as one of a rotation pair', () => {
    const attempt = () =>
      load({ O2C_ENV: 'production', API_KEY: 'k1', HOOK_SECRET: 'new,dev-hook' });
    expect(attempt).toThrow(/HOOK_SECRET holds the public development value/);
    expect(attempt).not.toThrow(/new|dev-hook'/);
  });

  it('keeps real secrets as given, frozen', () => {
    const config = load({ O2C_ENV: 'production', API_KEY: 'k1', HOOK_SECRET: 'old, new' });
    expect(config.API_KEY).toBe('k1');
    expect(secretValues(config.HOOK_SECRET)).toEqual(['old', 'new']);
    expect(Object.isFrozen(config)).toBe(true);
  });
});
