import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SyncResult {
  /** Files (relative to dir) that differ from what would be generated, are missing or are extra. */
  readonly stale: string[];
}

/**
 * Writes `files` into `dir` and removes files the generator no longer produces, or with
 * `check`, only reports what differs. `owned` says which existing files the generator owns.
 */
export function syncFiles(
  dir: string,
  files: ReadonlyMap<string, string>,
  options: { check: boolean; owned?: (name: string) => boolean },
): SyncResult {
  const existing = existsSync(dir) ? readdirSync(dir).filter(options.owned ?? (() => true)) : [];
  const stale = [
    ...[...files]
      .filter(([name, content]) => readIfExists(join(dir, name)) !== content)
      .map(([n]) => n),
    ...existing.filter((name) => !files.has(name)),
  ];
  if (!options.check) {
    for (const name of stale) {
      const path = join(dir, name);
      const content = files.get(name);
      if (content === undefined) {
        rmSync(path);
      } else {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
    }
  }
  return { stale };
}

const readIfExists = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
