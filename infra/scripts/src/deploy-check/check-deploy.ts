import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkBrokers } from './check-brokers';
import { checkDockerfile } from './check-dockerfile';
import { checkServices } from './check-services';
import { checkTopology } from './check-topology';
import { loadTopology } from './compose-model';
import { parseDockerfile } from './dockerfile-model';
import { lintCompose } from './lint-compose';
import { createRepo } from './repo';

export interface DeployFiles {
  /** Each topology is a base compose file and its overrides, as given to `docker compose -f`. */
  topologies: { name: string; files: string[] }[];
  dockerfile: string;
}

export const defaultDeployFiles: DeployFiles = {
  topologies: [
    { name: 'single node', files: ['docker-compose.yml'] },
    { name: 'three nodes', files: ['docker-compose.yml', 'docker-compose.cluster.yml'] },
  ],
  dockerfile: 'Dockerfile',
};

/** Everything wrong with the deployment files under `root`; empty when they are consistent. */
export async function checkDeploy(root: string, files = defaultDeployFiles): Promise<string[]> {
  const repo = createRepo(root);
  const stages = parseDockerfile(readFileSync(resolve(root, files.dockerfile), 'utf8'));
  const composeFiles = [...new Set(files.topologies.flatMap((t) => t.files))];
  const problems = [
    ...lintCompose(root, composeFiles),
    ...checkDockerfile(stages, files.dockerfile),
  ];
  for (const t of files.topologies) {
    const topology = loadTopology(root, t.name, t.files);
    problems.push(
      ...checkTopology(topology, repo),
      ...checkBrokers(topology),
      ...(await checkServices(topology, stages, repo)),
    );
  }
  return problems;
}
