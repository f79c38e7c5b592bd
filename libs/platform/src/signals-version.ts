import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version a service runs: O2C_VERSION when set (a deploy stamps it), else the `version` of
 * the service's package.json, found upward from the started script; 'unknown' otherwise.
 */
export function serviceVersion(
  service: string,
  declared: string | undefined,
  script = process.argv[1],
): string {
  if (declared) return declared;
  for (let dir = script ? dirname(script) : ''; dir && dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      return pkg.name === service && pkg.version ? pkg.version : 'unknown';
    } catch {
      // no package.json here: look further up
    }
  }
  return 'unknown';
}
