#!/usr/bin/env node
// Scaffolds the boilerplate files of a project (package.json, project.json, tsconfig, jest config)
// and registers lib path aliases. Usage: node tools/scripts/new-project.mjs <dir> <tags,comma,separated> [alias]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const [dir, tagList, alias] = process.argv.slice(2);
if (!dir || !tagList) {
  console.error('usage: new-project.mjs <dir> <tags> [alias]');
  process.exit(2);
}
const tags = tagList.split(',');
const name = alias ?? basename(dir);
const up = relative(dir, '.');
const write = (file, text) => {
  const path = join(dir, file);
  if (!existsSync(path)) writeFileSync(path, text);
};
mkdirSync(join(dir, 'src'), { recursive: true });
const isService = tags.includes('type:service');
write(
  'package.json',
  JSON.stringify(
    { name, version: '0.1.0', private: true, ...(alias ? { main: 'src/index.ts' } : {}) },
    null,
    2,
  ) + '\n',
);
write(
  'project.json',
  JSON.stringify(
    {
      name: basename(dir),
      $schema: `${up}/node_modules/nx/schemas/project-schema.json`,
      sourceRoot: `${dir}/src`,
      projectType: isService ? 'application' : 'library',
      tags,
      targets: { ...(isService ? { build: {} } : {}), typecheck: {}, lint: {}, test: {} },
    },
    null,
    2,
  ) + '\n',
);
write(
  'tsconfig.json',
  JSON.stringify(
    { extends: `${up}/tsconfig.base.json`, include: ['src/**/*.ts', 'test/**/*.ts'] },
    null,
    2,
  ) + '\n',
);
write(
  'jest.config.cjs',
  `module.exports = { ...require('${up}/jest.preset.cjs'), rootDir: __dirname, displayName: '${basename(dir)}' };\n`,
);
if (alias) {
  write('src/index.ts', '');
  const base = JSON.parse(readFileSync('tsconfig.base.json', 'utf8'));
  base.compilerOptions.paths[alias] = [`${dir}/src/index.ts`];
  base.compilerOptions.paths = Object.fromEntries(
    Object.entries(base.compilerOptions.paths).sort(),
  );
  writeFileSync('tsconfig.base.json', JSON.stringify(base, null, 2) + '\n');
}
console.log(`scaffolded ${dir}`);
