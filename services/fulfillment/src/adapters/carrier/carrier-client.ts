import { tracedFetch } from '@o2c/observability';
import type { BookingOutcome, CancelOutcome, TrackedMilestone } from '../../domain';
import type { BookingRequest, CarrierPort } from './carrier-port';

interface BookingAnswer {
  trackingNumber?: string;
  serviceLevel?: string;
  estimatedDeliveryAt?: number;
  code?: string;
  message?: string;
}

const transientStatus = (status: number) => status >= 500 || status === 408 || status === 429;

/**
 * The carrier port over the carriers' REST API (`/carriers/:code/v1`): 2xx books, 5xx / 408 /
 * 429 / timeouts / network errors are transient, any other 4xx is the carrier's refusal.
 */
export function createCarrierClient(opts: { baseUrl: string; timeoutMs: number }): CarrierPort {
  const signalFor = (signal?: AbortSignal) => {
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  };
  const url = (carrier: string, path = '') =>
    `${opts.baseUrl}/carriers/${encodeURIComponent(carrier)}/v1/shipments${path}`;

  return {
    async book(carrier, idempotencyKey, request: BookingRequest, signal): Promise<BookingOutcome> {
      let res: Response;
      let body: BookingAnswer;
      try {
        res = await tracedFetch(url(carrier), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify(request),
          signal: signalFor(signal),
        });
        const text = await res.text();
        body = (text ? JSON.parse(text) : {}) as BookingAnswer;
      } catch (err) {
        return {
          kind: 'transient',
          reason:
            (err as Error).name === 'TimeoutError' ? 'timeout' : String((err as Error).message),
        };
      }
      if (res.ok && body.trackingNumber)
        return {
          kind: 'booked',
          trackingNumber: body.trackingNumber,
          serviceLevel: body.serviceLevel ?? null,
          estimatedDeliveryAt: body.estimatedDeliveryAt ?? null,
        };
      if (res.ok || transientStatus(res.status))
        return { kind: 'transient', reason: `HTTP ${res.status}` };
      return {
        kind: 'rejected',
        code: body.code ?? `HTTP_${res.status}`,
        reason: body.message ?? `HTTP ${res.status}`,
      };
    },

    async cancel(carrier, trackingNumber, signal): Promise<CancelOutcome> {
      try {
        const res = await tracedFetch(url(carrier, `/${encodeURIComponent(trackingNumber)}`), {
          method: 'DELETE',
          signal: signalFor(signal),
        });
        await res.body?.cancel();
        // 404: the carrier has no such booking, so nothing is left to cancel.
        if (res.ok || res.status === 404) return 'cancelled';
        if (res.status === 409) return 'too_late';
        return 'unreachable';
      } catch {
        return 'unreachable';
      }
    },

    async track(carrier, trackingNumber, signal) {
      try {
        const res = await tracedFetch(url(carrier, `/${encodeURIComponent(trackingNumber)}`), {
          signal: signalFor(signal),
        });
        if (!res.ok) {
          await res.body?.cancel();
          return undefined;
        }
        const body = (await res.json()) as { milestones?: TrackedMilestone[] };
        return (body.milestones ?? []).filter(
          (m) => m.milestone === 'picked_up' || m.milestone === 'delivered',
        );
      } catch {
        return undefined;
      }
    },
  };
}
