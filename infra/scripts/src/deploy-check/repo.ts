import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the checks ask of the repository: files, and which projects build a bundle. */
export interface Repo {
  root: string;
  exists(path: string): boolean;
  /** `<project>/dist/main.js` comes from the project's Nx build target (tools/scripts/build-service.mjs). */
  builds(project: string): boolean;
}

export function createRepo(root: string): Repo {
  const exists = (path: string) => existsSync(join(root, path));
  return {
    root,
    exists,
    builds(project) {
      if (!exists(`${project}/project.json`) || !exists(`${project}/src/main.ts`)) return false;
      const json = JSON.parse(readFileSync(join(root, project, 'project.json'), 'utf8')) as {
        targets?: Record<string, unknown>;
      };
      return json.targets?.build !== undefined;
    },
  };
}

/** `services/x/dist/main.js` → `services/x`. */
export const bundleProject = (path: string): string | undefined =>
  /^(.+)\/dist\/main\.js$/.exec(path)?.[1];
