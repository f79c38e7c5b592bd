import { z } from 'zod';
import { ConfigError, kafkaEnv, parseEnv } from '../src';

const Schema = z.object({ ...kafkaEnv, PORT: z.coerce.number().int() });

describe('parseEnv', () => {
  it('applies defaults, splits broker lists and freezes the result', () => {
    const config = parseEnv(Schema, { PORT: '3001', KAFKA_BROKERS: 'a:9092, b:9092' });
    expect(config).toEqual({
      PORT: 3001,
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
      KAFKA_SASL_MECHANISM: 'none',
      KAFKA_TLS: false,
      KAFKA_TLS_REJECT_UNAUTHORIZED: true,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast naming every invalid variable', () => {
    const attempt = () => parseEnv(Schema, { PORT: 'x', SCHEMA_REGISTRY_URL: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT[\s\S]*SCHEMA_REGISTRY_URL|SCHEMA_REGISTRY_URL[\s\S]*PORT/);
  });
});
