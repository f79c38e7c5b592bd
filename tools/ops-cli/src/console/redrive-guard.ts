import { parseDlqTopic } from '../contracts';
import type { JobPlan } from '../replay/job';

/** The word an operator types to execute a redrive: the consumer group of the dead-letter topic. */
export const confirmationWord = (plan: JobPlan): string =>
  parseDlqTopic(plan.sourceTopic)?.group ?? plan.sourceTopic;

/** Why a typed confirmation does not confirm the plan, or undefined when it does. */
export function confirmationProblem(plan: JobPlan, typed: unknown): string | undefined {
  const expected = confirmationWord(plan);
  if (typeof typed !== 'string' || typed.trim() === '')
    return `type the consumer group '${expected}' to confirm`;
  if (typed.trim() !== expected)
    return `'${typed.trim()}' is not the consumer group of ${plan.sourceTopic}: type '${expected}'`;
  return undefined;
}

/** Plans shown as dry runs, kept until executed or expired, so what runs is what was shown. */
export function createPlanShelf(ttlMs: number, now: () => number = Date.now) {
  const shelf = new Map<string, { plan: JobPlan; shownAt: number }>();
  const prune = () => {
    for (const [id, entry] of shelf) if (now() - entry.shownAt > ttlMs) shelf.delete(id);
  };
  return {
    put(plan: JobPlan): void {
      prune();
      shelf.set(plan.id, { plan, shownAt: now() });
    },
    get(id: string): JobPlan | undefined {
      prune();
      return shelf.get(id)?.plan;
    },
    take(id: string): JobPlan | undefined {
      const plan = this.get(id);
      shelf.delete(id);
      return plan;
    },
  };
}

export type PlanShelf = ReturnType<typeof createPlanShelf>;
