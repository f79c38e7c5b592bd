import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const src = join(__dirname, '..', 'src');

describe('libs/contracts/src/index.ts', () => {
  it('re-exports every generated type by name (add new event types there after schemas:gen)', () => {
    const index = readFileSync(join(src, 'index.ts'), 'utf8');
    const exported = new Set(index.match(/\b\w+\b/g));
    const generated = readdirSync(join(src, 'generated'))
      .filter((f) => !f.endsWith('.schemas.ts'))
      .flatMap((f) =>
        [
          ...readFileSync(join(src, 'generated', f), 'utf8').matchAll(
            /^export (?:interface|type|const) (\w+)/gm,
          ),
        ].map((m) => m[1]!),
      );
    expect(generated.length).toBeGreaterThan(30);
    expect(generated.filter((name) => !exported.has(name))).toEqual([]);
  });
});
