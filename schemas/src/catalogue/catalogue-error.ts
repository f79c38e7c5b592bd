export type CatalogueErrorCode =
  'INVALID_FILE_NAME' | 'INVALID_JSON' | 'INVALID_SCHEMA' | 'VERSION_GAP' | 'INVALID_TOPIC_MAP';

/** The catalogue on disk cannot even be loaded (as opposed to check findings, which are reported). */
export class CatalogueError extends Error {
  constructor(
    readonly code: CatalogueErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CatalogueError';
  }
}
