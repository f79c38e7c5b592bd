import { DependencyUnavailableError } from '@o2c/inbox';
import { OdooError, type OdooClient } from '@o2c/odoo-client';
import { createCircuitBreaker, type BreakerState, type Permit } from './circuit-breaker';
import { createRateLimiter, createSemaphore } from './rate-limit';

export interface GatewayOptions {
  maxConcurrency: number;
  ratePerSec: number;
  breakerThreshold: number;
  breakerOpenMs: number;
  onBreakerChange?: (state: BreakerState) => void;
}

/** Odoo being unwell (no answer, 5xx, connection refused), as opposed to refusing one call. */
const isOutage = (error: unknown) =>
  error instanceof OdooError &&
  (error.kind === 'timeout' || error.kind === 'transport' || (error.httpStatus ?? 0) >= 500);

/**
 * The only way the adapter reaches Odoo: every call passes a concurrency cap, a rate limit and a
 * circuit breaker, so a burst of events or a sick ERP never turns into a flood of requests.
 * Nothing is retried here; the consumer runtime retries the whole (idempotent) step, and waits
 * without counting attempts while the circuit is open.
 */
export function createOdooGateway(client: OdooClient, options: GatewayOptions) {
  const semaphore = createSemaphore(options.maxConcurrency);
  const limiter = createRateLimiter({ ratePerSec: options.ratePerSec });
  const breaker = createCircuitBreaker({
    threshold: options.breakerThreshold,
    openMs: options.breakerOpenMs,
    ...(options.onBreakerChange ? { onChange: options.onBreakerChange } : {}),
  });

  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      semaphore.run(async () => {
        let permit: Permit;
        try {
          permit = breaker.before();
        } catch (open) {
          throw new DependencyUnavailableError('odoo', (open as Error).message, { cause: open });
        }
        await limiter.take();
        try {
          const result = await fn(...args);
          breaker.success(permit);
          return result;
        } catch (error) {
          if (!isOutage(error)) {
            breaker.success(permit);
            throw error;
          }
          breaker.failure(permit);
          // Once the circuit is open the ERP is down as a whole: callers wait instead of
          // spending the message's attempts (the consumer runtime does not count these).
          if (breaker.state() === 'open') {
            throw new DependencyUnavailableError(
              'odoo',
              `Odoo unavailable: ${(error as Error).message}`,
              { cause: error },
            );
          }
          throw error;
        }
      });

  type Gated = Exclude<keyof OdooClient, 'protocol'>;
  const gated = <K extends Gated>(name: K): OdooClient[K] => {
    const method = client[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    const run: (...args: unknown[]) => Promise<unknown> = guard((...args: unknown[]) =>
      method.apply(client, args),
    );
    return run as unknown as OdooClient[K];
  };
  const names: Gated[] = [
    'version',
    'authenticate',
    'call',
    'searchRead',
    'read',
    'search',
    'searchCount',
    'create',
    'write',
    'unlink',
    'fieldsGet',
    'nameSearch',
  ];
  const odoo = Object.assign(
    { protocol: () => client.protocol() },
    Object.fromEntries(names.map((name) => [name, gated(name)])),
  ) as unknown as OdooClient;
  return { odoo, breakerState: () => breaker.state() };
}

export type OdooGateway = ReturnType<typeof createOdooGateway>;
