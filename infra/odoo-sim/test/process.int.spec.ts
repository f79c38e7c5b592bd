import { join } from 'node:path';
import { spawnProcess, waitFor } from '@o2c/testing';

describe('odoo-sim process', () => {
  it('logs its URL on start, serves, and exits 0 on SIGTERM', async () => {
    const proc = spawnProcess(join(__dirname, '..', 'src', 'main.ts'), {
      ODOO_SIM_PORT: '0',
      ODOO_SIM_VERSION: '19',
      LOG_LEVEL: 'info',
    });
    try {
      const line = await waitFor(() =>
        proc
          .output()
          .split('\n')
          .find((l) => l.includes('"msg":"odoo-sim listening"')),
      );
      const { url } = JSON.parse(line) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/json/version`);
      expect(await res.json()).toEqual({
        version_info: [19, 0, 0, 'final', 0, ''],
        version: '19.0',
      });
    } finally {
      proc.child.kill('SIGTERM');
    }
    expect(await proc.exited).toBe(0);
  });
});
