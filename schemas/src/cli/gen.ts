import { relative } from 'node:path';
import { Command } from 'commander';
import { contractsGeneratedDir, repoRoot } from '../catalogue/paths';
import { generateContracts } from '../gen/generate-contracts';
import { syncFiles } from '../gen/sync-files';
import type { CatalogueOptions } from './catalogue-options';
import { loadFromOptions, withCatalogueOptions } from './catalogue-options';
import { runCli } from './run-cli';

interface Options extends CatalogueOptions {
  check?: boolean;
  out: string;
}

const program = withCatalogueOptions(
  new Command('schemas:gen')
    .description(
      'Generate the TypeScript contracts (libs/contracts/src/generated) from the schemas',
    )
    .option('--check', 'exit 1 when the committed files differ from what would be generated')
    .option('--out <dir>', 'output directory', contractsGeneratedDir),
);

async function main(): Promise<number> {
  const options = program.parse().opts<Options>();
  const files = await generateContracts(loadFromOptions(options), options.out);
  const check = options.check ?? false;
  const { stale } = syncFiles(options.out, files, { check, owned: (name) => name.endsWith('.ts') });
  const where = relative(repoRoot, options.out) || options.out;
  if (check && stale.length > 0) {
    console.error(
      `✗ stale generated contracts in ${where}: ${stale.join(', ')}; run npm run schemas:gen`,
    );
    return 1;
  }
  console.log(
    check
      ? `${where} is up to date (${files.size} files)`
      : `${where}: ${stale.length} of ${files.size} files written`,
  );
  return 0;
}

runCli(main);
