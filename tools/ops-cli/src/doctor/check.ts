import type { Check, Sampled } from './setup-facts';

export const ok = (id: string, title: string, found: string): Check => ({
  id,
  status: 'ok',
  title,
  found,
});

export const warning = (id: string, title: string, found: string, remedy: string): Check => ({
  id,
  status: 'warning',
  title,
  found,
  remedy,
});

export const blocker = (id: string, title: string, found: string, remedy: string): Check => ({
  id,
  status: 'blocker',
  title,
  found,
  remedy,
});

/** "3 (A, B, C)" or "12 (A, B, C, D, E, …)". */
export const sampled = ({ count, sample }: Sampled): string =>
  `${count} (${sample.join(', ')}${count > sample.length ? ', …' : ''})`;
