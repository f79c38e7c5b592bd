/** Seeded synthetic order traffic for the detector's unit tests: minute counts, Poisson noise. */
export const MINUTE = 60_000;
export const DAY = 1440 * MINUTE;
export const WEEK = 7 * DAY;
/** Monday 2026-01-05 00:00 UTC: the first day of the history. */
export const HISTORY_START = Date.UTC(2026, 0, 5);

/** mulberry32: a small seeded PRNG, so every run sees the same traffic. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Knuth's Poisson sampler (rates here stay small per minute). */
export function poisson(lambda: number, random: () => number) {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

const WEBSHOP_HOURS = [
  0.02, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.35, 0.6, 0.8, 0.9, 1, 1, 0.95, 0.9, 0.9, 0.95, 1, 1,
  1, 0.9, 0.7, 0.4, 0.1,
];

/** Orders per minute: a web shop (day/night, busier weekends) and an EDI gateway (office hours). */
export const rates = {
  webshop(at: number) {
    const d = new Date(at);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    return 6 * WEBSHOP_HOURS[d.getUTCHours()]! * (weekend ? 1.4 : 1);
  },
  edi(at: number) {
    const d = new Date(at);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) return 0;
    const h = d.getUTCHours();
    return h >= 8 && h < 18 ? 4 : 0.01;
  },
};

/** Minute counts from HISTORY_START for `weeks` weeks. */
export function minuteCounts(rate: (at: number) => number, weeks: number, seed: number) {
  const random = prng(seed);
  return Array.from({ length: weeks * 7 * 1440 }, (_, i) =>
    poisson(rate(HISTORY_START + i * MINUTE), random),
  );
}
