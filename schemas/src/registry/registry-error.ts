export type RegistryErrorCode =
  'REGISTRY_UNREACHABLE' | 'REGISTRY_INCOMPATIBLE' | 'REGISTRY_FAILED';

/** A Confluent-compatible registry refused or failed a request; `status` is the HTTP status. */
export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RegistryError';
  }
}
