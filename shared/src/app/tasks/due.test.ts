import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { clockAt, dueGroup, groupByDue, isOverdue } from './due.ts';

describe('due dates', () => {
  const clock = clockAt(dayjs('2031-03-12T10:00:30'));
  const at = (s: string) => dayjs(s).toISOString();

  it('puts tasks under overdue, today, tomorrow, later, no due date and done', () => {
    expect(clock.now).toBe(at('2031-03-12T10:00:00'));
    expect(dueGroup({ done: false, due_at: at('2031-03-12T09:59') }, clock)).toBe('overdue');
    expect(dueGroup({ done: false, due_at: at('2031-03-12T23:59') }, clock)).toBe('today');
    expect(dueGroup({ done: false, due_at: at('2031-03-13T00:00') }, clock)).toBe('tomorrow');
    expect(dueGroup({ done: false, due_at: at('2031-03-14T00:00') }, clock)).toBe('later');
    expect(dueGroup({ done: false, due_at: null }, clock)).toBe('noDue');
    expect(dueGroup({ done: true, due_at: at('2031-01-01T00:00') }, clock)).toBe('done');
    expect(isOverdue({ done: true, due_at: at('2031-01-01T00:00') }, clock)).toBe(false);
  });

  it('groups consecutive runs in the list order', () => {
    const tasks = [
      { done: false, due_at: at('2031-03-11T10:00') },
      { done: false, due_at: at('2031-03-12T12:00') },
      { done: false, due_at: at('2031-03-12T13:00') },
      { done: true, due_at: null },
    ];
    expect(groupByDue(tasks, clock).map((r) => [r.group, r.tasks.length])).toEqual([
      ['overdue', 1],
      ['today', 2],
      ['done', 1],
    ]);
  });
});
