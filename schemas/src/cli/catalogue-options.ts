import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCatalogue } from '../catalogue/catalogue';
import type { Catalogue } from '../catalogue/catalogue';
import { avroDir, topicMapFile } from '../catalogue/paths';

export interface CatalogueOptions {
  avroDir: string;
  topics: string;
}

/** Lets tests point a tool at a fixture catalogue instead of schemas/avro. */
export const withCatalogueOptions = (command: Command): Command =>
  command
    .option('--avro-dir <dir>', 'directory of <domain>/<Type>.v<N>.avsc files', avroDir)
    .option('--topics <file>', 'topic map', topicMapFile);

export const loadFromOptions = (options: CatalogueOptions): Catalogue =>
  loadCatalogue({ avroDir: resolve(options.avroDir), topicMapFile: resolve(options.topics) });
