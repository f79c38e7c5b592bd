import type { OrderLineInput } from './api';

export type Scenario =
  | 'happy'
  | 'partial'
  | 'substitution'
  | 'no-substitution'
  | 'carrier-retry'
  | 'carrier-reroute'
  | 'carrier-escalate'
  | 'return'
  | 'cancel'
  | 'malformed';

export interface PlannedOrder {
  n: number;
  scenario: Scenario;
  lines: OrderLineInput[];
  postalCode: string;
}

/** Postal codes the carrier simulator's fault rules match (installed by `carrierRules`). */
export const POSTAL = { retry: '1111', reroute: '2222', escalate: '3333', normal: '1030' };

/** Fault rules that make the carrier scenarios happen; `retry` fails each booking once. */
export const carrierRules = (retries: number) => [
  { carrier: 'dhl', mode: 'unavailable', times: retries, match: { postalCode: POSTAL.retry } },
  { carrier: 'dhl', mode: 'reject', match: { postalCode: POSTAL.reroute } },
  { carrier: 'dhl', mode: 'reject', match: { postalCode: POSTAL.escalate } },
  { carrier: 'ups', mode: 'reject', match: { postalCode: POSTAL.escalate } },
];

/**
 * Stock plan of a mixed run: FURN-002 is scarce (partial shipments and backorders), FURN-001 is
 * out of stock (its substitute FURN-001-B ships where lines allow it; the rest waits, or is
 * cancelled), the others are stocked for the whole run.
 */
export const SCARCE = 'FURN-002';
export const OUT_OF_STOCK = 'FURN-001';
export const STOCKED = ['SCRW-12', 'COFF-1KG', 'FURN-001-B'];

const WEIGHTS: Array<[Scenario, number]> = [
  ['happy', 70],
  ['partial', 6],
  ['substitution', 4],
  ['no-substitution', 2],
  ['carrier-retry', 5],
  ['carrier-reroute', 4],
  ['carrier-escalate', 2],
  ['return', 3],
  ['cancel', 2],
  ['malformed', 2],
];

const HAPPY: OrderLineInput[][] = [
  [{ sku: 'FURN-001-B', quantity: 2, unitPriceMinor: 9_900 }],
  [
    { sku: 'SCRW-12', quantity: 3, uom: 'DZ', unitPriceMinor: 950 },
    { sku: 'COFF-1KG', quantity: 1.5, uom: 'KG', unitPriceMinor: 1_800 },
  ],
  [
    { sku: 'FURN-001-B', quantity: 1, unitPriceMinor: 9_900 },
    { sku: 'SCRW-12', quantity: 1, uom: 'DZ', unitPriceMinor: 950 },
  ],
];

function linesFor(scenario: Scenario, n: number): OrderLineInput[] {
  switch (scenario) {
    case 'partial':
      return [{ sku: SCARCE, quantity: 3, unitPriceMinor: 35_000 }];
    case 'substitution':
      return [
        { sku: OUT_OF_STOCK, quantity: 2, unitPriceMinor: 12_000, substitutionAllowed: true },
      ];
    case 'no-substitution':
    case 'cancel':
      return [
        { sku: OUT_OF_STOCK, quantity: 1, unitPriceMinor: 12_000, substitutionAllowed: false },
      ];
    case 'malformed':
      return [{ sku: 'NOPE-404', quantity: -1, uom: 'XX' }];
    default:
      return HAPPY[n % HAPPY.length]!;
  }
}

/** A deterministic mix of n orders in the given proportions, interleaved. */
export function planMix(n: number, weights: Array<[Scenario, number]> = WEIGHTS): PlannedOrder[] {
  const total = weights.reduce((a, [, w]) => a + w, 0);
  const orders: PlannedOrder[] = [];
  const owed = new Map(weights.map(([s]) => [s, 0]));
  for (let i = 0; i < n; i++) {
    // Largest deficit first: every prefix of the run holds the mix in proportion.
    for (const [s, w] of weights) owed.set(s, owed.get(s)! + w / total);
    const [scenario] = [...owed.entries()].sort((a, b) => b[1] - a[1])[0]!;
    owed.set(scenario, owed.get(scenario)! - 1);
    const postalCode =
      scenario === 'carrier-retry'
        ? POSTAL.retry
        : scenario === 'carrier-reroute'
          ? POSTAL.reroute
          : scenario === 'carrier-escalate'
            ? POSTAL.escalate
            : POSTAL.normal;
    orders.push({ n: i + 1, scenario, lines: linesFor(scenario, i), postalCode });
  }
  return orders;
}
