import type { JobPlan } from '../replay/job';
import { confirmationProblem, confirmationWord, createPlanShelf } from './redrive-guard';

const plan: JobPlan = {
  id: 'redrive-a',
  kind: 'redrive',
  sourceTopic: 'sales.orders.dlq.invoicing.main',
  target: null,
  ranges: [],
  selector: { keys: [], types: [], headers: [] },
  request: {},
};

describe('confirmationWord', () => {
  it('is the consumer group of the dead-letter topic', () => {
    expect(confirmationWord(plan)).toBe('invoicing.main');
  });
});

describe('confirmationProblem', () => {
  it('accepts the group typed exactly (spaces around trimmed)', () => {
    expect(confirmationProblem(plan, ' invoicing.main ')).toBeUndefined();
  });
  it('refuses nothing typed, another word, or not a string', () => {
    expect(confirmationProblem(plan, '')).toMatch(/type the consumer group 'invoicing.main'/);
    expect(confirmationProblem(plan, 'invoicing')).toMatch(/'invoicing' is not the consumer group/);
    expect(confirmationProblem(plan, 42)).toMatch(/to confirm/);
  });
});

describe('createPlanShelf', () => {
  it('keeps a shown plan until taken or expired', () => {
    let now = 0;
    const shelf = createPlanShelf(1000, () => now);
    shelf.put(plan);
    expect(shelf.get('redrive-a')).toBe(plan);
    expect(shelf.take('redrive-a')).toBe(plan);
    expect(shelf.get('redrive-a')).toBeUndefined();
    shelf.put(plan);
    now = 1001;
    expect(shelf.get('redrive-a')).toBeUndefined();
  });
});
