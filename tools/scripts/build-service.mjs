#!/usr/bin/env node
// Bundles a service's src/main.ts (and the @o2c libs it imports, resolved through tsconfig paths)
// into <project>/dist/main.js; npm packages stay external and load from node_modules.
import { build } from 'esbuild';
import { join } from 'node:path';

const project = process.argv[2];
if (!project) {
  console.error('usage: build-service.mjs <project-root>');
  process.exit(2);
}
await build({
  entryPoints: [join(project, 'src/main.ts')],
  outfile: join(project, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  packages: 'external',
  tsconfig: 'tsconfig.base.json',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`built ${project}/dist/main.js`);
