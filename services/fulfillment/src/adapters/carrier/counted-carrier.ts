import { Counter, type Registry } from 'prom-client';
import type { CarrierPort } from './carrier-port';

/** The carrier port, counting each call by carrier, operation and outcome. */
export function countedCarrier(inner: CarrierPort, registry: Registry): CarrierPort {
  const calls = new Counter({
    name: 'o2c_fulfillment_carrier_calls_total',
    help: 'Calls to carriers by carrier, operation (book, cancel, track) and outcome',
    labelNames: ['carrier', 'operation', 'outcome'],
    registers: [registry],
  });
  return {
    async book(carrier, key, request, signal) {
      const outcome = await inner.book(carrier, key, request, signal);
      calls.inc({ carrier, operation: 'book', outcome: outcome.kind });
      return outcome;
    },
    async cancel(carrier, trackingNumber, signal) {
      const outcome = await inner.cancel(carrier, trackingNumber, signal);
      calls.inc({ carrier, operation: 'cancel', outcome });
      return outcome;
    },
    async track(carrier, trackingNumber, signal) {
      const tracked = await inner.track(carrier, trackingNumber, signal);
      calls.inc({ carrier, operation: 'track', outcome: tracked ? 'ok' : 'unreachable' });
      return tracked;
    },
  };
}
