import type { Knex } from 'knex';
import {
  insertSubscription,
  rotateSecret,
  type StoredSubscription,
} from '../adapters/db/subscription-store';
import { newSecret } from '../adapters/endpoint/signature';
import type { SubscriptionFilter } from '../domain';

/** What the API shows of a subscription: never its secrets. */
export type SubscriptionView = Omit<
  StoredSubscription,
  'secret' | 'previousSecret' | 'previousSecretExpiresAt'
> & { previousSecretValidUntil: Date | null };

export function viewOf(s: StoredSubscription, now: number): SubscriptionView {
  const until = s.previousSecretExpiresAt;
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes,
    filter: s.filter,
    description: s.description,
    status: s.status,
    consecutiveFailures: s.consecutiveFailures,
    disabledReason: s.disabledReason,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    previousSecretValidUntil: until && until.getTime() > now ? until : null,
  };
}

export interface SubscriptionRequest {
  url: string;
  eventTypes: string[];
  filter: SubscriptionFilter;
  description: string | null;
}

/** Creates a subscription with a new signing secret, shown this once. */
export async function createSubscription(db: Knex, request: SubscriptionRequest, id: string) {
  const secret = newSecret();
  const stored = await insertSubscription(db, { ...request, id, secret });
  return { subscription: stored, secret };
}

/** A new secret, shown this once; the previous one keeps signing for `overlapMs`. */
export async function rotateSubscriptionSecret(db: Knex, id: string, overlapMs: number) {
  const secret = newSecret();
  const stored = await rotateSecret(db, id, secret, overlapMs);
  return stored && { subscription: stored, secret };
}
