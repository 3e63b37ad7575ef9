import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { TaskClock } from './query.ts';

/** The lists' clock: "now" and the user's today, in the user's time zone; ticks every minute. */
export function clockAt(at: dayjs.Dayjs): TaskClock {
  const minute = at.startOf('minute');
  return {
    now: minute.toISOString(),
    todayStart: minute.startOf('day').toISOString(),
    tomorrowStart: minute.startOf('day').add(1, 'day').toISOString(),
  };
}

export function useTaskClock(): TaskClock {
  const [clock, setClock] = useState(() => clockAt(dayjs()));
  useEffect(() => {
    const timer = setInterval(() => {
      const next = clockAt(dayjs());
      setClock((current) => (current.now === next.now ? current : next));
    }, 15_000);
    return () => clearInterval(timer);
  }, []);
  return clock;
}

export const DUE_GROUPS = ['overdue', 'today', 'tomorrow', 'later', 'noDue', 'done'] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

/** Which heading a task goes under. */
export function dueGroup(task: { done: boolean; due_at: string | Date | null }, clock: TaskClock): DueGroup {
  if (task.done) return 'done';
  if (!task.due_at) return 'noDue';
  const due = dayjs(task.due_at);
  if (due.isBefore(clock.now)) return 'overdue';
  if (due.isBefore(clock.tomorrowStart)) return 'today';
  if (due.isBefore(dayjs(clock.tomorrowStart).add(1, 'day'))) return 'tomorrow';
  return 'later';
}

export function isOverdue(task: { done: boolean; due_at: string | Date | null }, clock: TaskClock): boolean {
  return !task.done && !!task.due_at && dayjs(task.due_at).isBefore(clock.now);
}

/** Consecutive runs of tasks under one heading, in the list's own order. */
export function groupByDue<T extends { done: boolean; due_at: string | Date | null }>(
  tasks: T[],
  clock: TaskClock,
): { group: DueGroup; tasks: T[] }[] {
  const runs: { group: DueGroup; tasks: T[] }[] = [];
  for (const task of tasks) {
    const group = dueGroup(task, clock);
    const last = runs.at(-1);
    if (last?.group === group) last.tasks.push(task);
    else runs.push({ group, tasks: [task] });
  }
  return runs;
}
