import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `java -version` prints to stderr, e.g. `openjdk version "17.0.15"` or `"1.8.0_392"`. */
function majorVersion(java: string): number | undefined {
  const { stdout, stderr, error } = spawnSync(java, ['-version'], { encoding: 'utf8' });
  return error ? undefined : parse(`${stderr}${stdout}`);
}

const parse = (text: string) => {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
};

/**
 * A java binary of at least `min`: $JAVA_HOME, then the one on PATH, then any JDK under
 * /usr/lib/jvm (Debian's layout), newest first. Kafka 3.9 needs 17; Apicurio 3.x needs 21.
 */
export function findJava(min: number): string {
  const candidates: string[] = [];
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin', 'java'));
  candidates.push('java');
  const jvmDir = '/usr/lib/jvm';
  if (existsSync(jvmDir)) {
    for (const d of readdirSync(jvmDir).sort().reverse())
      candidates.push(join(jvmDir, d, 'bin', 'java'));
  }
  const seen: string[] = [];
  for (const java of candidates) {
    if (java !== 'java' && !existsSync(java)) continue;
    const v = majorVersion(java);
    if (v !== undefined) seen.push(`${java} (${v})`);
    if (v !== undefined && v >= min) return java;
  }
  throw new Error(
    `no Java ${min}+ found (saw: ${seen.join(', ') || 'none'}). Install a JDK ${min}+ ` +
      `(e.g. apt-get install openjdk-${min}-jdk-headless, or Temurin) or set JAVA_HOME.`,
  );
}
