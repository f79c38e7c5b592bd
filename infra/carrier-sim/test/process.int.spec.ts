import { join } from 'node:path';
import { spawnProcess } from '@o2c/testing';
import { until } from './helpers';

describe('carrier-sim process', () => {
  it('announces its URL, serves the carriers it is given, and exits 0 on SIGTERM', async () => {
    const sim = spawnProcess(join(__dirname, '../src/main.ts'), {
      CARRIER_SIM_PORT: '0',
      CARRIER_SIM_CARRIERS: 'dhl,ups,gls',
      LOG_LEVEL: 'info',
    });
    try {
      const url = await until(
        () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(sim.output())?.[1],
        'the listening line',
      );
      const res = await fetch(`${url}/carriers/gls/v1/shipments/NOPE`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('SHIPMENT_NOT_FOUND');
      sim.child.kill('SIGTERM');
      expect(await sim.exited).toBe(0);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
