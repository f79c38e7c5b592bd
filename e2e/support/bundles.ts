import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/**
 * Builds the esbuild bundles the image runs (`<project>/dist/main.js`, as `npm run build` does,
 * without nx's cache), all at once: about two seconds. Throws with the build's output on failure.
 */
export async function buildBundles(projects: readonly string[]): Promise<void> {
  const script = join(root, 'tools/scripts/build-service.mjs');
  await Promise.all(
    projects.map(
      (project) =>
        new Promise<void>((resolve, reject) => {
          let output = '';
          const child = spawn(process.execPath, [script, project], { cwd: root });
          child.stdout.on('data', (d: Buffer) => (output += d.toString()));
          child.stderr.on('data', (d: Buffer) => (output += d.toString()));
          child.once('error', reject);
          child.once('exit', (code) =>
            code === 0
              ? resolve()
              : reject(new Error(`building ${project} failed (exit ${code}):\n${output}`)),
          );
        }),
    ),
  );
}
