import { createLogger } from '@o2c/observability';
import { scheduleReplenishment } from '../src/app/replenishment/schedule-replenishment';

const logger = createLogger({ service: 'schedule-test', level: 'silent' });
const empty = { proposals: [], skipped: [] };

describe('scheduleReplenishment', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('given an interval, runs once per interval and never two runs at once', async () => {
    let started = 0;
    let finish: () => void = () => undefined;
    const stop = scheduleReplenishment(1000, logger, () => {
      started++;
      return new Promise((resolve) => (finish = () => resolve(empty)));
    });
    await jest.advanceTimersByTimeAsync(3500);
    expect(started).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(1000);
    expect(started).toBe(2);
    finish();
    await stop();
  });

  it('given 0, never runs', async () => {
    const run = jest.fn(() => Promise.resolve(empty));
    const stop = scheduleReplenishment(0, logger, run);
    await jest.advanceTimersByTimeAsync(600_000);
    expect(run).not.toHaveBeenCalled();
    await stop();
  });

  it('keeps its schedule after a failed run', async () => {
    const run = jest.fn(() => Promise.reject(new Error('database down')));
    const stop = scheduleReplenishment(1000, logger, run);
    await jest.advanceTimersByTimeAsync(2500);
    expect(run).toHaveBeenCalledTimes(2);
    await stop();
  });
});
