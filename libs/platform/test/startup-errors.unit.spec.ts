import { isPermanentStartupError, startupBackoff } from '../src/startup-errors';

const withCause = (cause: unknown) => new Error('wrapped', { cause });
const kafkaError = (type: string) => Object.assign(new Error(type), { type });

describe('isPermanentStartupError', () => {
  it.each([
    ['a wrong Postgres password', Object.assign(new Error('auth'), { code: '28P01' })],
    ['a database that does not exist', Object.assign(new Error('no db'), { code: '3D000' })],
    [
      'a SASL failure',
      Object.assign(new Error('sasl'), { name: 'KafkaJSSASLAuthenticationError' }),
    ],
    ['a topic ACL refusal', kafkaError('TOPIC_AUTHORIZATION_FAILED')],
    ['a registry 401, deep in the cause chain', withCause(withCause({ status: 401 }))],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
  ])('treats %s as permanent', (_what, error) => {
    expect(isPermanentStartupError(error)).toBe(true);
  });

  it.each([
    ['a partition without a leader yet', kafkaError('UNKNOWN_TOPIC_OR_PARTITION')],
    ['a loading coordinator', kafkaError('COORDINATOR_LOAD_IN_PROGRESS')],
    ['an unavailable coordinator', kafkaError('COORDINATOR_NOT_AVAILABLE')],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a registry that is down', withCause(new TypeError('fetch failed'))],
    ['a registry 503', { status: 503 }],
    ['Postgres starting up', Object.assign(new Error('starting'), { code: '57P03' })],
  ])('treats %s as transient', (_what, error) => {
    expect(isPermanentStartupError(error)).toBe(false);
  });
});

describe('startupBackoff', () => {
  it('doubles from ~250 ms, stays within half to all of its ceiling, and is capped', () => {
    expect(startupBackoff(1, 10_000, () => 0)).toBe(125);
    expect(startupBackoff(1, 10_000, () => 1)).toBe(250);
    expect(startupBackoff(3, 10_000, () => 1)).toBe(1000);
    expect(startupBackoff(30, 10_000, () => 1)).toBe(10_000);
    expect(startupBackoff(30, 10_000, () => 0)).toBe(5000);
  });
});
