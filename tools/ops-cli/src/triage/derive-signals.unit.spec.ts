import type { GroupLag } from '../commands/lag';
import { errorSpikes, lagSignals } from './derive-signals';
import type { Failure } from './types';

const T0 = Date.parse('2026-12-04T10:00:00Z');
const min = 60_000;

const failure = (at: number, errorClass: string, source: Failure['source'] = 'sync-failure') =>
  ({ at, errorClass, source, service: 'odoo-adapter' }) as Failure;

describe('errorSpikes', () => {
  describe('when a code bursts over a quiet background', () => {
    it('signals once, at the first failure of the burst, with its rate and baseline', () => {
      const background = [T0, T0 + 10 * min, T0 + 20 * min].map((t) => failure(t, 'TIMEOUT'));
      const burst = Array.from({ length: 40 }, (_, i) =>
        failure(T0 + 30 * min + 5_000 + i * 6_000, 'TIMEOUT'),
      );
      const [spike, ...more] = errorSpikes([...background, ...burst]);
      expect(more).toEqual([]);
      expect(spike).toMatchObject({
        kind: 'ERROR_SPIKE',
        subject: 'TIMEOUT',
        at: T0 + 30 * min + 5_000,
      });
      expect(spike?.detail).toBe('10 TIMEOUT in a minute (0.1/min in the 30 min before)');
    });
  });

  describe('when failures are steady, or not Odoo or carrier failures', () => {
    it('finds no spike', () => {
      const steady = Array.from({ length: 120 }, (_, i) => failure(T0 + i * 20_000, 'TIMEOUT'));
      const letters = Array.from({ length: 30 }, (_, i) =>
        failure(T0 + 90 * min + i * 1000, 'X', 'dead-letter'),
      );
      // 3 a minute never reaches the burst threshold (5); dead letters are not counted.
      expect(errorSpikes([...steady, ...letters]).map((s) => s.at)).toEqual([]);
    });
  });
});

describe('lagSignals', () => {
  it('dates the backlog of a lagging group by its oldest unconsumed message, in the window only', () => {
    const lag = (groupId: string, totalLag: number, maxLagSeconds: number | null): GroupLag => ({
      groupId,
      state: 'Stable',
      members: 1,
      totalLag,
      maxLagSeconds,
      partitions: [
        {
          topic: 'odoo.sync',
          partition: 0,
          committed: 1,
          logEnd: 1 + totalLag,
          lag: totalLag,
          lagSeconds: maxLagSeconds,
        },
      ],
    });
    const now = T0 + 60 * min;
    const signals = lagSignals(
      [
        lag('invoicing', 12, 300),
        lag('caught-up', 0, 0),
        lag('ancient', 5, 7200),
        lag('unknown', 3, null),
      ],
      now,
      { fromMs: T0, toMs: now },
    );
    expect(signals).toEqual([
      {
        at: now - 300_000,
        kind: 'LAG_GROWING',
        service: 'triage',
        subject: 'invoicing',
        detail: '12 messages behind on odoo.sync, oldest unconsumed since 10:55:00',
        origin: 'derived',
      },
    ]);
  });
});
