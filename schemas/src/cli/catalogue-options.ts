import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCatalogue } from '../catalogue/catalogue';
import type { Catalogue } from '../catalogue/catalogue';
import { avroDir, topicMapFile, upcastersDir } from '../catalogue/paths';

export interface CatalogueOptions {
  avroDir: string;
  topics: string;
  upcastersDir: string;
}

/** Lets tests point a tool at a fixture catalogue instead of schemas/avro. */
export const withCatalogueOptions = (command: Command): Command =>
  command
    .option('--avro-dir <dir>', 'directory of <domain>/<Type>.v<N>.avsc files', avroDir)
    .option('--topics <file>', 'topic map', topicMapFile)
    .option(
      '--upcasters-dir <dir>',
      'directory of <domain>/<Type>.v<N>.ts upcasters',
      upcastersDir,
    );

export const loadFromOptions = (options: CatalogueOptions): Catalogue =>
  loadCatalogue({
    avroDir: resolve(options.avroDir),
    topicMapFile: resolve(options.topics),
    upcastersDir: resolve(options.upcastersDir),
  });
