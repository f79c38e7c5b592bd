import { Command } from 'commander';
import { defaultRegistryUrl, loadConfig } from '../config';
import { createCcompatClient } from '../registry/ccompat-client';
import { registerCatalogue, SUBJECT_COMPATIBILITY } from '../registry/register-catalogue';
import type { CatalogueOptions } from './catalogue-options';
import { loadFromOptions, withCatalogueOptions } from './catalogue-options';
import { runCli } from './run-cli';

interface Options extends CatalogueOptions {
  registry?: string;
  dryRun?: boolean;
  subjectPrefix: string;
}

const program = withCatalogueOptions(
  new Command('schemas:register')
    .description(
      `Register every schema version under its record-name subject (${SUBJECT_COMPATIBILITY})`,
    )
    .option(
      '--registry <url>',
      `registry API base (default: SCHEMA_REGISTRY_URL or ${defaultRegistryUrl})`,
    )
    .option('--dry-run', 'show what would be registered, change nothing')
    .option(
      '--subject-prefix <prefix>',
      'register under <prefix><subject>, e.g. for a staging copy',
      '',
    ),
);

async function main(): Promise<number> {
  const options = program.parse().opts<Options>();
  const url = options.registry ?? loadConfig().registryUrl ?? defaultRegistryUrl;
  const catalogue = loadFromOptions(options);
  const rows = await registerCatalogue(createCcompatClient(url), catalogue.subjects, {
    dryRun: options.dryRun ?? false,
    subjectPrefix: options.subjectPrefix,
  });
  for (const row of rows) {
    const registry =
      row.id === undefined ? '' : ` → registry version ${row.registryVersion} → id ${row.id}`;
    console.log(`${row.subject} v${row.localVersion}${registry} (${row.status})`);
  }
  const registered = rows.filter((r) => r.status === 'registered').length;
  const pending = rows.filter((r) => r.status === 'would-register').length;
  console.log(
    options.dryRun
      ? `dry run against ${url}: ${pending} version(s) would be registered, nothing changed`
      : `${url}: ${registered} version(s) registered, ${rows.length - registered} already there`,
  );
  return 0;
}

runCli(main);
