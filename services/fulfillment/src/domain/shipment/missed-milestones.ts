import type { Shipment } from './types';

export interface TrackedMilestone {
  milestone: 'picked_up' | 'delivered';
  occurredAt: number;
}

/**
 * Milestones the carrier's tracking shows that our state has not seen: their webhooks were lost
 * (we were down longer than the carrier retries). Checked when a deadline passes, before timing out.
 */
export function missedMilestones(s: Shipment, tracked: TrackedMilestone[]): TrackedMilestone[] {
  if (s.state === 'BOOKED') return tracked;
  if (s.state === 'DISPATCHED') return tracked.filter((m) => m.milestone === 'delivered');
  return [];
}
