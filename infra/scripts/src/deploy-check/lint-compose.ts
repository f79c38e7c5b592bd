import { relative, resolve } from 'node:path';
import { DCLinter } from 'dclint';

/**
 * dclint validates each file against the Compose Specification's JSON schema (the copy it ships)
 * and runs its rules. Style rules (key and service order) are off: our files group services by
 * role. Override files carry no project name (the base file has it).
 */
const linter = new DCLinter({
  rules: {
    'services-alphabetical-order': 0,
    'service-keys-order': 0,
    'top-level-properties-order': 0,
    'service-dependencies-alphabetical-order': 0,
    'service-ports-alphabetical-order': 0,
    'require-project-name-field': 0,
  },
  quiet: false,
  debug: false,
  exclude: [],
});

export function lintCompose(root: string, files: string[]): string[] {
  return linter
    .lintFiles(
      files.map((f) => resolve(root, f)),
      false,
    )
    .flatMap((result) =>
      result.messages.map(
        (m) => `${relative(root, result.filePath)}:${m.line}: ${m.message} (${m.rule})`,
      ),
    );
}
