import { timingSafeEqual } from 'node:crypto';

/**
 * Whether `given` equals one of `secrets`, comparing each in constant time: a caller learns
 * nothing from the timing. Several secrets are valid at once while one is rotated out.
 */
export function equalsAny(given: string, secrets: readonly string[]): boolean {
  const a = Buffer.from(given);
  let found = false;
  for (const secret of secrets) {
    const b = Buffer.from(secret);
    if (a.length === b.length && timingSafeEqual(a, b)) found = true;
  }
  return found;
}
