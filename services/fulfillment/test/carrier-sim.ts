import { join } from 'node:path';
import { spawnProcess, waitFor } from '@o2c/testing';

const simMain = join(__dirname, '../../../infra/carrier-sim/src/main.ts');

/** A carrier-sim process on a free port, and its control API. */
export async function startCarrierSim(env: Record<string, string> = {}) {
  const proc = spawnProcess(simMain, { CARRIER_SIM_PORT: '0', LOG_LEVEL: 'info', ...env });
  const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(proc.output())?.[1], {
    timeoutMs: 30_000,
    intervalMs: 100,
    what: 'carrier-sim',
  }).catch((error: unknown) => {
    proc.child.kill('SIGKILL');
    throw error;
  });
  const control = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const res = await fetch(`${url}/__carrier/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as T;
  };
  return {
    url,
    control,
    /** Makes `carrier` fail this order's bookings (matched on its postal code): `times` of them, or all. */
    failBookings(
      order: { shipTo: { postalCode: string } },
      mode: 'unavailable' | 'timeout' | 'timeout_after_booking' | 'reject',
      options: { carrier?: string; times?: number } = {},
    ) {
      const { carrier = 'dhl', times } = options; // JSON leaves `times` out when undefined
      return control('POST', 'faults', {
        carrier,
        mode,
        times,
        match: { postalCode: order.shipTo.postalCode },
      });
    },
    /** The sim's bookings whose reference is this shipment. */
    async shipmentsFor(reference: string) {
      const state = await control<{
        shipments: Array<{
          reference: string;
          status: string;
          trackingNumber: string;
          carrier: string;
        }>;
      }>('GET', 'state');
      return state.shipments.filter((s) => s.reference === reference);
    },
    async stop() {
      proc.child.kill('SIGTERM');
      await proc.exited;
    },
  };
}

export type CarrierSimProcess = Awaited<ReturnType<typeof startCarrierSim>>;
