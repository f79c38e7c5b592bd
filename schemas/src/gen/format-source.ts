import { format, resolveConfig } from 'prettier';

/** Formats with the repository's prettier config, as `prettier --write` would for that path. */
export async function formatSource(path: string, source: string): Promise<string> {
  const options = await resolveConfig(path);
  return format(source, { ...options, filepath: path });
}
