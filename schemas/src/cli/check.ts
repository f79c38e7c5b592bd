import { Command } from 'commander';
import { checkCatalogue } from '../check/check-catalogue';
import { defaultRegistryUrl, loadConfig } from '../config';
import { createCcompatClient } from '../registry/ccompat-client';
import { checkAgainstRegistry } from '../registry/check-registry';
import { RegistryError } from '../registry/registry-error';
import type { CatalogueOptions } from './catalogue-options';
import { loadFromOptions, withCatalogueOptions } from './catalogue-options';
import { runCli } from './run-cli';

interface Options extends CatalogueOptions {
  registry?: string | boolean;
}

const program = withCatalogueOptions(
  new Command('schemas:check')
    .description(
      'Prove every schema version BACKWARD_TRANSITIVE compatible, offline and in the registry',
    )
    .option(
      '--registry [url]',
      `also ask the registry (default: SCHEMA_REGISTRY_URL or ${defaultRegistryUrl})`,
    ),
);

async function main(): Promise<number> {
  const options = program.parse().opts<Options>();
  const catalogue = loadFromOptions(options);
  const report = checkCatalogue(catalogue);
  console.log(
    `offline: ${report.subjects} subjects, ${report.versions} versions, ` +
      `${report.pairs} (newer, older) pairs resolved with avsc`,
  );
  const problems = [...report.problems];
  const registryUrl = await pickRegistry(options.registry);
  if (registryUrl) {
    const registryProblems = await checkAgainstRegistry(
      createCcompatClient(registryUrl),
      catalogue.subjects,
    );
    console.log(`registry: ${report.subjects} subjects checked against ${registryUrl}`);
    problems.push(...registryProblems);
  }
  for (const problem of problems) console.error(`✗ ${problem}`);
  console.log(
    problems.length === 0
      ? 'schemas:check passed'
      : `schemas:check failed: ${problems.length} problem(s)`,
  );
  return problems.length === 0 ? 0 : 1;
}

/** --registry forces the check (and fails if the registry is down); SCHEMA_REGISTRY_URL makes it opportunistic. */
async function pickRegistry(flag: Options['registry']): Promise<string | undefined> {
  const { registryUrl } = loadConfig();
  if (flag) {
    const url = typeof flag === 'string' ? flag : (registryUrl ?? defaultRegistryUrl);
    if (!(await createCcompatClient(url).ping())) {
      throw new RegistryError(
        'REGISTRY_UNREACHABLE',
        `registry ${url} does not answer (npm run infra:up?)`,
      );
    }
    return url;
  }
  if (registryUrl && (await createCcompatClient(registryUrl).ping())) return registryUrl;
  console.log(
    `registry: skipped (${registryUrl ? `${registryUrl} does not answer` : 'SCHEMA_REGISTRY_URL unset; pass --registry'})`,
  );
  return undefined;
}

runCli(main);
