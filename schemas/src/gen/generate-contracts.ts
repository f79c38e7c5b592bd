import { join } from 'node:path';
import type { Catalogue } from '../catalogue/catalogue';
import { formatSource } from './format-source';
import { renderContracts } from './render-contracts';

/** The formatted content of every file of libs/contracts/src/generated. */
export async function generateContracts(
  catalogue: Catalogue,
  outDir: string,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [name, source] of renderContracts(catalogue)) {
    files.set(name, await formatSource(join(outDir, name), source));
  }
  return files;
}
