import { createLogger } from '@o2c/observability';
import { scheduleRuns } from '../src/app/schedule-runs';

const logger = createLogger({ service: 'schedule-test', level: 'silent' });
const report = { runId: 'run', checked: 0, drifts: [] };

describe('scheduleRuns (reconciliation and replenishment)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('given an interval, runs once per interval and never two runs at once', async () => {
    let started = 0;
    let finish: () => void = () => undefined;
    const stop = scheduleRuns('reconciliation', 1000, logger, () => {
      started++;
      return new Promise((resolve) => (finish = () => resolve(report)));
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
    const run = jest.fn(() => Promise.resolve(report));
    const stop = scheduleRuns('reconciliation', 0, logger, run);
    await jest.advanceTimersByTimeAsync(600_000);
    expect(run).not.toHaveBeenCalled();
    await stop();
  });

  it('keeps its schedule after a failed run', async () => {
    const run = jest.fn(() => Promise.reject(new Error('adapter down')));
    const stop = scheduleRuns('reconciliation', 1000, logger, run);
    await jest.advanceTimersByTimeAsync(2500);
    expect(run).toHaveBeenCalledTimes(2);
    await stop();
  });
});
