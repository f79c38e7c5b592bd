import {
  commandOf,
  dependenciesOf,
  isBroker,
  type ComposeService,
  type Topology,
} from './compose-model';
import { envCheckFor, projectOf } from './component-env';
import { lineage, type Stage } from './dockerfile-model';
import { stageProvides } from './check-dockerfile';
import { addressesIn, hostsIn, isLoopback } from './hosts';
import { publishedPorts, reachablePorts } from './target-ports';
import type { Repo } from './repo';

const isPath = (arg: string) => /^[\w@.-]+(\/[\w@.-]+)+\.[cm]?[jt]s$/.test(arg);
/** Built from our Dockerfile (the others are public images with their own conventions). */
const isOurs = (s: ComposeService) => s.build !== undefined;

function stageOf(s: ComposeService, stages: Stage[]): Stage | undefined {
  const target = typeof s.build === 'object' ? s.build.target : undefined;
  return target ? stages.find((x) => x.name === target) : stages.at(-1);
}

const hasDevDependencies = (stages: Stage[], stage: Stage) => {
  const runs = lineage(stages, stage).flatMap((s) => s.instructions.filter((i) => i.op === 'RUN'));
  return (
    runs.some((i) => /npm ci\b/.test(i.args) && !/--omit=dev/.test(i.args)) &&
    !runs.some((i) => /npm prune\b/.test(i.args))
  );
};

/** The command runs with node, from files the service's image stage really has. */
function checkCommand(s: ComposeService, stages: Stage[], repo: Repo): string[] {
  const command = commandOf(s);
  const stage = stageOf(s, stages);
  if (!stage)
    return [`build target of ${JSON.stringify(s.build)} is not a stage of the Dockerfile`];
  const problems: string[] = [];
  if (command[0] !== 'node')
    problems.push(
      `command '${command.join(' ')}' must start with node (npm, npx or sh keep SIGTERM from the service)`,
    );
  if (command.includes('tsx') && !hasDevDependencies(stages, stage))
    problems.push(`command uses tsx, a devDependency the '${stage.name}' stage does not install`);
  for (const path of command.filter(isPath)) {
    if (!stageProvides(stages, stage, path, repo))
      problems.push(
        `${path}: not in the '${stage.name}' image stage (no such file, no build target making it, or not copied)`,
      );
  }
  return problems;
}

/** Where `key=value` leads from inside a container: a service of this topology, on a port it serves. */
function checkAddress(key: string, value: string, topology: Topology, origin: string): string[] {
  return addressesIn(value).flatMap(({ host, port }) => {
    if (isLoopback(host))
      return [
        `${key}=${value}${origin}: ${host} is this container, not another one (use the service name)`,
      ];
    const target = topology.services[host];
    if (!target) return [`${key}=${value}: no service '${host}' in this compose topology`];
    const reachable = reachablePorts(host, target);
    if (port === undefined || !reachable || reachable.has(port)) return [];
    const published = publishedPorts(target).includes(port)
      ? ` (${port} is its port on the host)`
      : '';
    return [
      `${key}=${value}: ${host} serves other containers on ${[...reachable].join(', ')}, not ${port}${published}`,
    ];
  });
}

/** `effective`: the settings with the config's defaults, which hold 127.0.0.1 for `npm start`. */
function checkUrls(
  s: ComposeService,
  effective: Record<string, string>,
  topology: Topology,
): string[] {
  const problems = Object.entries(effective).flatMap(([key, value]) =>
    checkAddress(key, value, topology, key in s.environment ? '' : ' (its default: set it)'),
  );
  const brokers = Object.keys(topology.services)
    .filter((n) => isBroker(topology.services[n]!))
    .sort();
  const kafka = effective.KAFKA_BROKERS;
  if (kafka !== undefined) {
    const listed = [...new Set(hostsIn(kafka))].sort();
    if (listed.join() !== brokers.join())
      problems.push(`KAFKA_BROKERS=${kafka} must list every broker (${brokers.join(', ')})`);
  }
  return problems;
}

/** One-shot services (others wait for them to complete) need no healthcheck. */
const isOneShot = (name: string, topology: Topology) =>
  Object.values(topology.services).some((other) => {
    const deps = other.depends_on;
    const dep = Array.isArray(deps)
      ? undefined
      : (deps?.[name] as { condition?: string } | undefined);
    return dep?.condition === 'service_completed_successfully';
  });

function checkHealth(s: ComposeService): string[] {
  const test = [s.healthcheck?.test ?? []].flat().join(' ');
  if (!test || s.healthcheck?.disable) return ['a long-running service needs a healthcheck'];
  const problems: string[] = [];
  if (/\b(curl|wget)\b/.test(test))
    problems.push('healthcheck uses curl or wget: node:24-slim has neither (use node -e fetch)');
  const project = commandOf(s).filter(isPath).map(projectOf).find(Boolean);
  if (project?.startsWith('services/') && !test.includes('/readyz'))
    problems.push('healthcheck must ask the service its /readyz');
  return problems;
}

async function checkOurService(
  name: string,
  s: ComposeService,
  topology: Topology,
  stages: Stage[],
  repo: Repo,
): Promise<string[]> {
  const found = checkCommand(s, stages, repo);
  if (!isOneShot(name, topology)) found.push(...checkHealth(s));
  const project = commandOf(s).filter(isPath).map(projectOf).find(Boolean);
  const envCheck = project ? await envCheckFor(repo, project) : undefined;
  if (!envCheck)
    found.push(
      `no config.ts or env.ts for '${commandOf(s).join(' ')}': its environment is unchecked`,
    );
  const env = envCheck?.(s.environment) ?? { problems: [], effective: s.environment };
  return [...found, ...env.problems, ...checkUrls(s, env.effective, topology)];
}

/** Every rule for the services of one topology; each problem names the files and the service. */
export async function checkServices(
  topology: Topology,
  stages: Stage[],
  repo: Repo,
): Promise<string[]> {
  const problems: string[] = [];
  const where = topology.files.join(' + ');
  for (const [name, s] of Object.entries(topology.services)) {
    const found = dependenciesOf(s)
      .filter((dep) => !topology.services[dep])
      .map((dep) => `depends_on '${dep}': no such service`);
    if (isOurs(s)) found.push(...(await checkOurService(name, s, topology, stages, repo)));
    problems.push(...found.map((p) => `${where}: service ${name}: ${p}`));
  }
  return problems;
}
