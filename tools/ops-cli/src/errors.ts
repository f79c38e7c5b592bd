export type OpsErrorCode = 'USAGE' | 'REFUSED' | 'NOT_FOUND' | 'FAILED';

export class OpsError extends Error {
  constructor(
    readonly code: OpsErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'OpsError';
  }
}

/** 0 ok, 1 failure, 2 usage error or refusal (nothing was changed). */
export function exitCodeFor(error: unknown): 1 | 2 {
  if (error instanceof OpsError && error.code !== 'FAILED') return 2;
  return 1;
}
