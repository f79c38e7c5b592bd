import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Command } from 'commander';
import { buildAsyncApi } from '../asyncapi/build-asyncapi';
import { validateAsyncApi } from '../asyncapi/validate-asyncapi';
import { asyncApiFile, repoRoot } from '../catalogue/paths';
import { defaultRegistryUrl } from '../config';
import { formatSource } from '../gen/format-source';
import type { CatalogueOptions } from './catalogue-options';
import { loadFromOptions, withCatalogueOptions } from './catalogue-options';
import { runCli } from './run-cli';

interface Options extends CatalogueOptions {
  check?: boolean;
  out: string;
}

const program = withCatalogueOptions(
  new Command('schemas:asyncapi')
    .description('Generate the AsyncAPI 3.0 topic catalogue (schemas/asyncapi.json)')
    .option('--check', 'exit 1 when the committed document differs from what would be generated')
    .option('--out <file>', 'output file', asyncApiFile),
);

async function main(): Promise<number> {
  const options = program.parse().opts<Options>();
  // The document describes the default local topology, not whatever this shell points at.
  const document = buildAsyncApi(loadFromOptions(options), {
    kafka: '127.0.0.1:9092',
    registryUrl: defaultRegistryUrl,
  });
  const content = await formatSource(options.out, JSON.stringify(document));
  const invalid = await validateAsyncApi(content);
  for (const problem of invalid) console.error(`✗ ${problem}`);
  if (invalid.length > 0) {
    console.error(`✗ the generated AsyncAPI document is invalid (${invalid.length} problem(s))`);
    return 1;
  }
  const current = existsSync(options.out) ? readFileSync(options.out, 'utf8') : undefined;
  const where = relative(repoRoot, options.out) || options.out;
  if (options.check) {
    if (current === content) {
      console.log(`${where} is up to date`);
      return 0;
    }
    console.error(`✗ ${where} is stale; run npm run schemas:asyncapi`);
    return 1;
  }
  if (current !== content) writeFileSync(options.out, content);
  console.log(`${where} ${current === content ? 'unchanged' : 'written'}`);
  return 0;
}

runCli(main);
