import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Command } from 'commander';
import { buildAsyncApi } from '../asyncapi/build-asyncapi';
import { validateAsyncApi } from '../asyncapi/validate-asyncapi';
import { asyncApiFile, repoRoot, servedAsyncApiFile } from '../catalogue/paths';
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
    .description(
      'Generate the AsyncAPI 3.0 topic catalogue (schemas/asyncapi.json, and the copy the services serve)',
    )
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
  // The default output also has a copy in libs/contracts, which every service serves.
  const outputs = options.out === asyncApiFile ? [options.out, servedAsyncApiFile] : [options.out];
  let stale = 0;
  for (const out of outputs) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
    const where = relative(repoRoot, out) || out;
    if (options.check) {
      if (current === content) console.log(`${where} is up to date`);
      else {
        console.error(`✗ ${where} is stale; run npm run schemas:asyncapi`);
        stale += 1;
      }
      continue;
    }
    if (current !== content) writeFileSync(out, content);
    console.log(`${where} ${current === content ? 'unchanged' : 'written'}`);
  }
  if (stale > 0) return 1;
  return 0;
}

runCli(main);
