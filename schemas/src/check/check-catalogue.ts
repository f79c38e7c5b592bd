import type { Catalogue } from '../catalogue/catalogue';
import { checkBackwardTransitive, describeIncompatibility } from './compatibility';
import { checkUpcasters } from './check-upcasters';
import { lintSchemaVersion } from './lint-schema';
import { validateTopicMap } from './validate-topic-map';

export interface CheckReport {
  readonly problems: readonly string[];
  readonly subjects: number;
  readonly versions: number;
  /** (newer, older) pairs resolved with avsc. */
  readonly pairs: number;
}

/**
 * Every offline check: conventions, BACKWARD_TRANSITIVE compatibility, an upcaster for every
 * version after the first, and the topic map.
 */
export function checkCatalogue(catalogue: Catalogue): CheckReport {
  const versions = catalogue.subjects.flatMap((s) => s.versions);
  const lint = versions.flatMap(lintSchemaVersion);
  // Compatibility of a schema avsc cannot even parse is meaningless; lint already reports it.
  const broken = new Set(
    lint.filter((p) => p.includes('avsc rejects')).map((p) => p.split(':')[0]),
  );
  const compatibility = catalogue.subjects
    .filter((s) => !s.versions.some((v) => broken.has(v.file)))
    .flatMap(checkBackwardTransitive)
    .map(describeIncompatibility);
  const topics = validateTopicMap(catalogue.topics, catalogue.subjects);
  return {
    problems: [
      ...lint,
      ...compatibility,
      ...checkUpcasters(catalogue.subjects, catalogue.upcasters),
      ...topics,
    ],
    subjects: catalogue.subjects.length,
    versions: versions.length,
    pairs: catalogue.subjects.reduce(
      (n, s) => n + (s.versions.length * (s.versions.length - 1)) / 2,
      0,
    ),
  };
}
