import avro from 'avsc';
import type { Subject } from '../catalogue/schema-files';

/** Data written with `older` cannot be read with `newer`. */
export interface Incompatibility {
  readonly subject: string;
  readonly newer: number;
  readonly older: number;
  readonly reason: string;
}

/**
 * BACKWARD_TRANSITIVE: every version must read data written with every earlier version. avsc's
 * resolver is the reader/writer resolution of the Avro spec, so it throws exactly when Avro
 * schema resolution would fail.
 */
export function checkBackwardTransitive(subject: Subject): Incompatibility[] {
  const types = subject.versions.map((version) => avro.Type.forSchema(version.schema));
  const found: Incompatibility[] = [];
  subject.versions.forEach((newer, i) => {
    subject.versions.slice(0, i).forEach((older, j) => {
      try {
        types[i]!.createResolver(types[j]!);
      } catch (error) {
        found.push({
          subject: subject.subject,
          newer: newer.version,
          older: older.version,
          reason: (error as Error).message,
        });
      }
    });
  });
  return found;
}

export const describeIncompatibility = (i: Incompatibility): string =>
  `${i.subject}: v${i.newer} is not BACKWARD compatible with v${i.older} ` +
  `(v${i.newer} cannot read data written with v${i.older}): ${i.reason}`;
