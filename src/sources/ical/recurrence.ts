import ical, { type VEvent } from 'node-ical';
import { MAX_INSTANCES_PER_SERIES } from '../limits.ts';
import { label, value } from './components.ts';
import type { Series } from './series.ts';

// Recurring series expanded to their instances, within bounds: a window of days around the run's
// day, a number of instances, steps per rule and time per feed.

const PAST_DAYS = 90;
const FUTURE_DAYS = 200;
const DAY_MS = 86_400_000;

export interface RecurrenceContext {
  window: { from: Date; to: Date };
  /** Time spent expanding recurrence rules so far, against RECURRENCE_BUDGET_MS. */
  recurrence: { spentMs: number; exhausted: boolean };
  warnings: string[];
}

/** The days recurring series are read in: from 90 days before `now` to 200 days after. */
export function recurrenceWindow(now: Date): RecurrenceContext['window'] {
  return {
    from: new Date(now.getTime() - PAST_DAYS * DAY_MS),
    to: new Date(now.getTime() + FUTURE_DAYS * DAY_MS),
  };
}

type Instance = ReturnType<typeof ical.expandRecurringEvent>[number];

// The recurrence library steps through a rule up to 10,000 times before it gives up, and each
// step of a rule that can never match (BYMONTH=2;BYMONTHDAY=30) or that expands a whole year at a
// time costs up to milliseconds: one hostile RRULE could hold up the run for half a minute. So
// rules are checked against RFC 5545 first, steps are capped by frequency (still a century and
// more of real monthly or weekly meetings), and a feed's rules share one time budget.
const MAX_STEPS: Record<string, number> = { YEARLY: 200, MONTHLY: 1_200, WEEKLY: 5_200, DAILY: 10_000, HOURLY: 10_000 };
const RECURRENCE_BUDGET_MS = 5_000;

/**
 * A series' instances in the window, at most MAX_INSTANCES_PER_SERIES of them (those nearest to
 * now). A rule that is not valid, repeats by the second or minute, or cannot be expanded within
 * the bounds above costs that series, with a warning, not the feed.
 */
export function expandedInstances(master: VEvent, series: Series, context: RecurrenceContext): Instance[] {
  const rule = value(series.components.find((c) => value(c, 'RRULE') !== undefined), 'RRULE')?.trim() ?? '';
  const shown = rule.slice(0, 80);
  const skip = (why: string): Instance[] => {
    context.warnings.push(`${label(series.components[0]!)} ${why} (RRULE ${shown}); skipped it`);
    return [];
  };
  const problem = ruleProblem(rule);
  if (problem !== null) return skip(problem);
  if (context.recurrence.exhausted) return skip('was not expanded: the feed\'s recurrence rules took too long already');

  limitSteps(master, MAX_STEPS[ruleFrequency(rule)] ?? 10_000);
  const started = performance.now();
  let instances: Instance[];
  try {
    instances = ical.expandRecurringEvent(master, context.window);
  } catch (error) {
    return skip(`could not be expanded (${(error as Error).message})`);
  } finally {
    context.recurrence.spentMs += performance.now() - started;
    if (context.recurrence.spentMs > RECURRENCE_BUDGET_MS && !context.recurrence.exhausted) {
      context.recurrence.exhausted = true;
      context.warnings.push(`expanding recurrence rules took over ${RECURRENCE_BUDGET_MS / 1000} s; the feed's remaining recurring events were skipped`);
    }
  }
  if (instances.length <= MAX_INSTANCES_PER_SERIES) return instances;
  context.warnings.push(
    `${label(series.components[0]!)} repeats ${instances.length} times in the ${PAST_DAYS + FUTURE_DAYS} days read (RRULE ${shown}); ` +
      `kept the ${MAX_INSTANCES_PER_SERIES} nearest to today`,
  );
  const now = context.window.from.getTime() + PAST_DAYS * DAY_MS;
  const distance = (instance: Instance) => Math.abs(instance.start.getTime() - now);
  return [...instances]
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, MAX_INSTANCES_PER_SERIES)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * node-ical keeps the rule as rrule-temporal's object behind a wrapper; its step limit is read
 * from the object and from its options (which `between` copies into a new object). When a new
 * version moves them, nothing breaks: the library's own limit of 10,000 steps still holds, and
 * the pathological-input tests say the time bound is lost.
 */
function limitSteps(master: VEvent, steps: number): void {
  const engine = (master.rrule as unknown as { _rrule?: { maxIterations?: unknown; opts?: { maxIterations?: unknown } } })._rrule;
  if (engine === undefined || engine === null) return;
  if (typeof engine.maxIterations === 'number') engine.maxIterations = steps;
  if (typeof engine.opts === 'object' && engine.opts !== null) engine.opts.maxIterations = steps;
}

function ruleFrequency(rule: string): string {
  return /(?:^|;)FREQ=([A-Z]+)/i.exec(rule)?.[1]?.toUpperCase() ?? '';
}

const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';

/** What makes the rule invalid under RFC 5545 §3.3.10 (or not worth expanding), or null. */
export function ruleProblem(rule: string): string | null {
  const parts = new Map<string, string>();
  for (const part of rule.split(';')) {
    const [key = '', ...rest] = part.split('=');
    if (key.trim() !== '') parts.set(key.trim().toUpperCase(), rest.join('=').trim().toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq === 'SECONDLY' || freq === 'MINUTELY') return `repeats every ${freq === 'SECONDLY' ? 'second' : 'minute'}, which no event does`;
  if (freq === undefined || !(freq in MAX_STEPS)) return 'has no valid FREQ';
  const numbers = (key: string, min: number, max: number, signed: boolean): boolean => {
    const text = parts.get(key);
    if (text === undefined) return true;
    return text.split(',').every((item) => {
      if (!/^[+-]?\d{1,4}$/.test(item)) return false;
      const n = Number(item);
      return signed ? n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max && !/^[+-]/.test(item);
    });
  };
  const checks: [boolean, string][] = [
    [numbers('INTERVAL', 1, 10_000, false), 'INTERVAL'],
    [numbers('COUNT', 1, 100_000, false), 'COUNT'],
    [numbers('BYSECOND', 0, 60, false), 'BYSECOND'],
    [numbers('BYMINUTE', 0, 59, false), 'BYMINUTE'],
    [numbers('BYHOUR', 0, 23, false), 'BYHOUR'],
    [numbers('BYMONTH', 1, 12, false), 'BYMONTH'],
    [numbers('BYMONTHDAY', 1, 31, true) && !(parts.has('BYMONTHDAY') && freq === 'WEEKLY'), 'BYMONTHDAY'],
    [numbers('BYYEARDAY', 1, 366, true) && !(parts.has('BYYEARDAY') && ['DAILY', 'WEEKLY', 'MONTHLY'].includes(freq)), 'BYYEARDAY'],
    [numbers('BYWEEKNO', 1, 53, true) && !(parts.has('BYWEEKNO') && freq !== 'YEARLY'), 'BYWEEKNO'],
    [numbers('BYSETPOS', 1, 366, true) && !(parts.has('BYSETPOS') && ![...parts.keys()].some((k) => k.startsWith('BY') && k !== 'BYSETPOS')), 'BYSETPOS'],
    [byDayValid(parts.get('BYDAY'), freq), 'BYDAY'],
    [parts.get('WKST') === undefined || new RegExp(`^${WEEKDAY}$`).test(parts.get('WKST')!), 'WKST'],
  ];
  const bad = checks.find(([ok]) => !ok);
  return bad === undefined ? null : `has an RRULE whose ${bad[1]} is not valid`;
}

/** Weekdays, with an ordinal (1MO, -1FR) only in a monthly or yearly rule. */
function byDayValid(text: string | undefined, freq: string): boolean {
  if (text === undefined) return true;
  return text.split(',').every((item) => {
    const match = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`).exec(item);
    if (!match) return false;
    if (match[1] === undefined) return true;
    const n = Math.abs(Number(match[1]));
    return n >= 1 && n <= 53 && (freq === 'MONTHLY' || freq === 'YEARLY');
  });
}
