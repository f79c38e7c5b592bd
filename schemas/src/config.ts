/** Where the local registry's Confluent-compatible API listens (npm run infra:up). */
export const defaultRegistryUrl = 'http://127.0.0.1:8081/apis/ccompat/v7';

export interface ToolConfig {
  /** SCHEMA_REGISTRY_URL when set: the registry the tools use unless told otherwise. */
  readonly registryUrl: string | undefined;
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): ToolConfig =>
  Object.freeze({ registryUrl: env.SCHEMA_REGISTRY_URL || undefined });
