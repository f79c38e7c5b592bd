import type { ConsoleService } from '../config';
import { openExceptionsOf, type OpenException } from './exception-gauges';

export interface ExceptionsView {
  exceptions: OpenException[];
  /** Services whose /metrics did not answer: their exceptions are unknown, not zero. */
  unreachable: { service: ConsoleService; error: string }[];
}

/** Scrapes each service's /metrics: the same gauges the alert rules read, at the same moment. */
export async function readExceptions(
  urls: Readonly<Record<ConsoleService, string>>,
): Promise<ExceptionsView> {
  const view: ExceptionsView = { exceptions: [], unreachable: [] };
  await Promise.all(
    Object.entries(urls).map(async ([service, url]) => {
      try {
        const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(3000) });
        if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
        view.exceptions.push(...openExceptionsOf(service, await res.text()));
      } catch (error) {
        view.unreachable.push({
          service: service as ConsoleService,
          error: (error as Error).message,
        });
      }
    }),
  );
  view.exceptions.sort((a, b) => b.oldestAgeSeconds - a.oldestAgeSeconds);
  return view;
}
