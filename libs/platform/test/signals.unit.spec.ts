import { join } from 'node:path';
import { createReachability } from '../src';
import { serviceVersion } from '../src/signals-version';

const repo = join(__dirname, '..', '..', '..');

describe('serviceVersion', () => {
  it('takes O2C_VERSION when set', () => {
    expect(serviceVersion('odoo-adapter', '2026.12.4-abc')).toBe('2026.12.4-abc');
  });

  it("else reads the version of the service's package.json above the started script", () => {
    const script = join(repo, 'services', 'odoo-adapter', 'src', 'main.ts');
    expect(serviceVersion('odoo-adapter', undefined, script)).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('says unknown when the nearest package.json is another one', () => {
    const script = join(repo, 'libs', 'platform', 'src', 'index.ts');
    expect(serviceVersion('odoo-adapter', undefined, script)).toBe('unknown');
  });
});

describe('createReachability', () => {
  it('reports a loss (also before any success) and a return after it, nothing in between', () => {
    const seen: string[] = [];
    const reach = createReachability((up, error) =>
      seen.push(up ? 'up' : `down: ${(error as Error).message}`),
    );
    reach.down(new Error('refused'));
    reach.down(new Error('refused again'));
    reach.up();
    reach.up();
    reach.down(new Error('timeout'));
    expect(seen).toEqual(['down: refused', 'up', 'down: timeout']);
  });
});
