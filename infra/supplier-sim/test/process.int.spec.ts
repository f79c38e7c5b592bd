import { join } from 'node:path';
import { spawnProcess } from '@o2c/testing';
import { until } from './helpers';

describe('supplier-sim process', () => {
  it('announces its URL, answers /health, and exits 0 on SIGTERM', async () => {
    const sim = spawnProcess(join(__dirname, '../src/main.ts'), {
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    try {
      const url = await until(
        () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(sim.output())?.[1],
        'the listening line',
      );
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      sim.child.kill('SIGTERM');
      expect(await sim.exited).toBe(0);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
