import { addDays, daysBetween, isoWeekday } from '../time.ts';

// The calendar rules a group's regular meetings follow, on local days (`YYYY-MM-DD`) in the
// site's zone: which days a rule falls on, and which rules a day could belong to.

/** 1 for Monday to 7 for Sunday, as ISO 8601 counts. */
export type Weekday = number;

export type SlotRule =
  | { kind: 'weekly'; weekday: Weekday }
  /** Every other week: on the weeks an even number of weeks from `anchor`, a day it fell on. */
  | { kind: 'biweekly'; weekday: Weekday; anchor: string }
  /** The `week`th such weekday of the month (1 to 4; a fifth is too rare to plan on). */
  | { kind: 'monthly'; weekday: Weekday; week: number }
  | { kind: 'last'; weekday: Weekday };

/** Whether a rule falls on a day. */
export function fallsOn(rule: SlotRule, day: string): boolean {
  if (isoWeekday(day) !== rule.weekday) return false;
  switch (rule.kind) {
    case 'weekly':
      return true;
    case 'biweekly':
      return Math.abs(daysBetween(rule.anchor, day)) % 14 === 0;
    case 'monthly':
      return weekOfMonth(day) === rule.week;
    case 'last':
      return isLastOfMonth(day);
  }
}

/** Every day from `from` to `to` (both included) the rule falls on. */
export function daysOf(rule: SlotRule, from: string, to: string): string[] {
  const days: string[] = [];
  let day = addDays(from, (rule.weekday - isoWeekday(from) + 7) % 7);
  for (; day <= to; day = addDays(day, 7)) if (fallsOn(rule, day)) days.push(day);
  return days;
}

/**
 * The rules a day could be a meeting of. Every other week has two phases; the one a day is in
 * is named by the earliest day of that phase on or after 1970-01-05, so that every day of one
 * phase gives the same rule.
 */
export function rulesOf(day: string): SlotRule[] {
  const weekday = isoWeekday(day);
  const rules: SlotRule[] = [
    { kind: 'weekly', weekday },
    { kind: 'biweekly', weekday, anchor: addDays('1970-01-05', (daysBetween('1970-01-05', day) % 14 + 14) % 14) },
  ];
  const week = weekOfMonth(day);
  if (week <= 4) rules.push({ kind: 'monthly', weekday, week });
  if (isLastOfMonth(day)) rules.push({ kind: 'last', weekday });
  return rules;
}

export function ruleKey(rule: SlotRule): string {
  switch (rule.kind) {
    case 'weekly':
    case 'last':
      return `${rule.kind} ${rule.weekday}`;
    case 'biweekly':
      return `${rule.kind} ${rule.weekday} ${rule.anchor}`;
    case 'monthly':
      return `${rule.kind} ${rule.weekday} ${rule.week}`;
  }
}

/**
 * The stretch of time one meeting of the rule stands for: its month for a monthly rule, its
 * week (named by its Monday) otherwise. A group that lists this month's meeting on another night has met its
 * slot for the month.
 */
export function periodOf(rule: SlotRule, day: string): string {
  return rule.kind === 'monthly' || rule.kind === 'last' ? day.slice(0, 7) : addDays(day, 1 - isoWeekday(day));
}

function weekOfMonth(day: string): number {
  return Math.ceil(Number(day.slice(8, 10)) / 7);
}

function isLastOfMonth(day: string): boolean {
  return addDays(day, 7).slice(0, 7) !== day.slice(0, 7);
}
