import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandOf, type Topology } from './compose-model';
import { projectOf } from './component-env';
import type { Repo } from './repo';

/**
 * What `npm start` runs: every services/* project that declares its port and database
 * (infra/scripts/src/services.ts), the simulators start.ts launches, and the database setup.
 */
export function startedByNpmStart(repo: Repo): string[] {
  const services = readdirSync(join(repo.root, 'services'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && repo.exists(`services/${d.name}/package.json`))
    .filter((d) => {
      const pkg = readFileSync(join(repo.root, 'services', d.name, 'package.json'), 'utf8');
      return (JSON.parse(pkg) as { o2c?: unknown }).o2c !== undefined;
    })
    .map((d) => `services/${d.name}`);
  const start = readFileSync(join(repo.root, 'infra/scripts/src/start.ts'), 'utf8');
  const sims = [...start.matchAll(/'(infra\/[\w-]+)\/src\/main\.ts'/g)].map((m) => m[1]!);
  return [...services, ...sims, 'infra/scripts'];
}

/** Each topology runs everything `npm start` runs. */
export function checkTopology(topology: Topology, repo: Repo): string[] {
  const run = new Set(
    Object.values(topology.services).flatMap((s) =>
      commandOf(s)
        .map(projectOf)
        .filter((p): p is string => p !== undefined),
    ),
  );
  return startedByNpmStart(repo)
    .filter((project) => !run.has(project))
    .map(
      (project) =>
        `${topology.files.join(' + ')}: no service runs ${project}, which npm start runs`,
    );
}
