import { lineage, type Stage } from './dockerfile-model';
import { bundleProject, type Repo } from './repo';

const workdir = '/app/';
const relative = (p: string) => p.replace(/^\.\//, '').replace(workdir, '').replace(/\/$/, '');

function copyOf(args: string): { from?: string; sources: string[]; dest: string } {
  const tokens = args.split(/\s+/);
  const from = tokens.find((t) => t.startsWith('--from='))?.slice('--from='.length);
  const paths = tokens.filter((t) => !t.startsWith('--'));
  return { from, sources: paths.slice(0, -1).map(relative), dest: relative(paths.at(-1) ?? '') };
}

const runsBuild = (stages: Stage[], stage: Stage) =>
  lineage(stages, stage).some((s) =>
    s.instructions.some((i) => i.op === 'RUN' && /nx run-many .*-t build/.test(i.args)),
  );

/** Whether `path` (relative to WORKDIR /app) is in the image of `stage`. */
export function stageProvides(stages: Stage[], stage: Stage, path: string, repo: Repo): boolean {
  for (const s of lineage(stages, stage)) {
    for (const i of s.instructions.filter((x) => x.op === 'COPY' || x.op === 'ADD')) {
      const { from, sources, dest } = copyOf(i.args);
      const [src] = sources;
      if (src === undefined || sources.length !== 1) continue;
      const inside =
        dest === '.'
          ? path
          : path === dest || path.startsWith(`${dest}/`)
            ? path.slice(dest.length + 1)
            : undefined;
      if (inside === undefined) continue;
      const origin = src === '.' ? inside : inside ? `${src}/${inside}` : src;
      if (!from) {
        // From the build context: a repository file, or a bundle a RUN of this stage builds.
        const project = bundleProject(origin);
        if (repo.exists(origin)) return true;
        if (project && repo.builds(project) && runsBuild(stages, stage)) return true;
        continue;
      }
      const source = stages.find((x) => x.name === from);
      if (source && stageProvides(stages, source, origin, repo)) return true;
    }
  }
  return false;
}

/** Failures the build must not swallow, root at run time, shell-form CMD, unknown stages. */
export function checkDockerfile(stages: Stage[], file = 'Dockerfile'): string[] {
  const problems: string[] = [];
  const final = stages.at(-1);
  if (!final) return [`${file}: no FROM`];
  stages.forEach((stage, index) => {
    for (const i of stage.instructions) {
      const at = `${file}:${i.line}`;
      if (i.op === 'RUN' && /\|\|\s*(true|:|exit 0)\b/.test(i.args))
        problems.push(`${at}: '${i.args}' hides a failed step ("|| true"): the build must fail`);
      const from = /--from=(\S+)/.exec(i.args)?.[1];
      if (i.op === 'COPY' && from && !stages.slice(0, index).some((s) => s.name === from))
        problems.push(`${at}: COPY --from=${from}: no earlier stage of that name`);
    }
  });
  const user = final.instructions.filter((i) => i.op === 'USER').at(-1)?.args;
  if (!user || /^(root|0)(:|$)/.test(user))
    problems.push(`${file}: the final stage '${final.name}' runs as root (add USER node)`);
  for (const i of final.instructions.filter((x) => x.op === 'CMD' || x.op === 'ENTRYPOINT')) {
    if (!i.args.startsWith('['))
      problems.push(
        `${file}:${i.line}: ${i.op} in shell form: SIGTERM would reach /bin/sh, not node (use ["node", …])`,
      );
  }
  return problems;
}
