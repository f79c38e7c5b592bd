import { isAbsolute, relative } from 'node:path';
import type { Upcasters } from '../catalogue/catalogue';
import { repoRoot } from '../catalogue/paths';
import type { Subject } from '../catalogue/schema-files';
import { upcasterFile, versionTypeName } from '../gen/render-versions';

const EXPORTS_UPCAST = /^export (?:const|function) upcast\b/m;

/**
 * Every version N > 1 has its upcaster from N-1 (`<domain>/<EventType>.v<N>.ts` exporting
 * `upcast`), and every upcaster file belongs to such a version.
 */
export function checkUpcasters(subjects: readonly Subject[], upcasters: Upcasters): string[] {
  const inRepo = relative(repoRoot, upcasters.dir).split('\\').join('/');
  const where = inRepo.startsWith('..') || isAbsolute(inRepo) ? upcasters.dir : inRepo;
  const expected = new Set<string>();
  const problems = subjects.flatMap((subject) =>
    subject.versions.slice(1).flatMap((version) => {
      const file = upcasterFile(subject, version.version);
      expected.add(file);
      const signature =
        `upcast(previous: ${versionTypeName(subject.eventType, version.version - 1)}): ` +
        versionTypeName(subject.eventType, version.version);
      const source = upcasters.files.get(file);
      if (source === undefined) {
        return [
          `${version.file}: no upcaster from v${version.version - 1}: expected ${where}/${file} exporting ${signature}`,
        ];
      }
      return EXPORTS_UPCAST.test(source)
        ? []
        : [`${where}/${file}: must export ${signature} (export const upcast = …)`];
    }),
  );
  const orphans = [...upcasters.files.keys()]
    .filter((file) => !expected.has(file))
    .map(
      (file) =>
        `${where}/${file}: upcaster of no schema version: name it <domain>/<EventType>.v<N>.ts ` +
        `after an avro/<domain>/<EventType>.v<N>.avsc with N > 1`,
    );
  return [...problems, ...orphans];
}
