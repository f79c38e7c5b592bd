import { jobStateOf, progressOf } from './job-progress';

describe('progressOf', () => {
  const ranges = [
    { partition: 0, start: 10, end: 20 },
    { partition: 1, start: 0, end: 5 },
  ];
  it('counts the offsets each partition’s checkpoint is past its range start', () => {
    expect(progressOf(ranges, [{ partition: 0, offset: 14 }])).toEqual({ done: 4, total: 15 });
    expect(
      progressOf(ranges, [
        { partition: 0, offset: 25 },
        { partition: 1, offset: 5 },
      ]),
    ).toEqual({ done: 15, total: 15 });
  });
  it('counts nothing for a partition without a checkpoint (-1)', () => {
    expect(progressOf(ranges, [{ partition: 1, offset: -1 }])).toEqual({ done: 0, total: 15 });
  });
});

describe('jobStateOf', () => {
  it('says completed, running or planned', () => {
    expect(jobStateOf('2026-12-04T00:00:00.000Z', { done: 0 })).toBe('completed');
    expect(jobStateOf(null, { done: 3 })).toBe('running');
    expect(jobStateOf(null, { done: 0 })).toBe('planned');
  });
});
