import type ICAL from 'ical.js';
import { MAX_INSTANCES_PER_SERIES } from '../limits.ts';
import { label } from './components.ts';
import { allowedByRule } from './rule-filter.ts';
import { MAX_STEPS } from './rules.ts';
import { MAX_LISTED_DATES } from './series-repair.ts';
import type { Series } from './series.ts';
import { DAY_MS } from '../../time.ts';

// Recurring series expanded to their instances by ical.js, within bounds: a window of days
// around the run's day, a number of instances, occurrences stepped through per series, and time
// per feed.

const PAST_DAYS = 90;
const FUTURE_DAYS = 200;

// ical.js steps through a series from its DTSTART, one occurrence at a time, each step costing
// up to a millisecond for a rule that rarely matches: one hostile series could hold up the run.
// So occurrences are capped per series by frequency (rules.ts), and a feed's series share one
// time budget, checked every few steps.
const RECURRENCE_BUDGET_MS = 5_000;
const STEPS_BETWEEN_CLOCK_CHECKS = 64;

/** Time spent expanding recurrence rules so far, against RECURRENCE_BUDGET_MS: one per source. */
export interface RecurrenceBudget {
  spentMs: number;
  exhausted: boolean;
}

export interface RecurrenceContext {
  window: { from: Date; to: Date };
  recurrence: RecurrenceBudget;
  warnings: string[];
}

/** One instance of a series: what ical.js says of the occurrence at `recurrenceId`. */
export type Instance = ReturnType<ICAL.Event['getOccurrenceDetails']>;

/** The days recurring series are read in: from 90 days before `now` to 200 days after. */
export function recurrenceWindow(now: Date): RecurrenceContext['window'] {
  return {
    from: new Date(now.getTime() - PAST_DAYS * DAY_MS),
    to: new Date(now.getTime() + FUTURE_DAYS * DAY_MS),
  };
}

/**
 * A series' instances that start in the window, at most MAX_INSTANCES_PER_SERIES of them (those
 * nearest to now). A series that cannot be expanded within the bounds above costs that series,
 * with a warning, not the feed.
 */
export function expandedInstances(master: ICAL.Event, series: Series, context: RecurrenceContext): Instance[] {
  const rules = master.component.getAllProperties('rrule').map((p) => p.getFirstValue() as ICAL.Recur);
  const shown = rules.length > 0 ? `RRULE ${rules[0]!.toString().slice(0, 80)}` : 'RDATE';
  const skip = (why: string): Instance[] => {
    context.warnings.push(`${label(series.components[0]!)} ${why} (${shown}); skipped it`);
    return [];
  };
  if (context.recurrence.exhausted) return skip('was not expanded: the feed\'s recurrence rules took too long already');

  const started = performance.now();
  let expansion: Expansion;
  try {
    expansion = expand(master, rules, context, started);
  } catch (error) {
    return skip(`could not be expanded (${(error as Error).message})`);
  } finally {
    context.recurrence.spentMs += performance.now() - started;
  }
  if (expansion.outOfTime) {
    context.recurrence.exhausted = true;
    context.warnings.push(`expanding recurrence rules took over ${RECURRENCE_BUDGET_MS / 1000} s; the feed's remaining recurring events were skipped`);
    return [];
  }
  if (expansion.excluded > 0) {
    context.warnings.push(`${label(series.components[0]!)} has a rule that was expanded to ${expansion.excluded} date(s) it excludes (${shown}); left them out`);
  }
  return nearestToNow(expansion.instances, series, shown, context);
}

interface Expansion {
  instances: Instance[];
  /** Dates ical.js gave that the series' rules exclude (rule-filter.ts). */
  excluded: number;
  outOfTime: boolean;
}

function expand(master: ICAL.Event, rules: ICAL.Recur[], context: RecurrenceContext, started: number): Expansion {
  const start = master.startDate;
  const listed = new Set(master.component.getAllProperties('rdate').flatMap((p) => p.getValues().map((time) => (time as ICAL.Time).toString())));
  const maxSteps = rules.length === 0 ? MAX_LISTED_DATES + 1 : Math.max(...rules.map((rule) => MAX_STEPS[rule.freq] ?? 0));
  // Overrides may move an instance into the window from beyond its end.
  const from = context.window.from.getTime() / 1000;
  const to = context.window.to.getTime() / 1000;
  const stepUntil = to + largestShift(master);
  const result: Expansion = { instances: [], excluded: 0, outOfTime: false };
  const iterator = master.iterator();
  let previous: ICAL.Time | null = null;
  for (let steps = 1; ; steps++) {
    if (steps % STEPS_BETWEEN_CLOCK_CHECKS === 0 && context.recurrence.spentMs + performance.now() - started > RECURRENCE_BUDGET_MS) {
      return { ...result, outOfTime: true };
    }
    const next = nextOccurrence(iterator);
    if (!next || next.toUnixTime() > stepUntil) break;
    if (steps > maxSteps) throw new Error(`it steps through more than ${maxSteps} occurrences before the last day read`);
    // Two rules (or a rule and an RDATE) giving the same instance list it once.
    if (previous !== null && next.compare(previous) === 0) continue;
    previous = next.clone();
    const explicit = listed.has(next.toString()) || next.compare(start) === 0;
    if (!explicit && rules.length > 0 && !rules.some((rule) => allowedByRule(next, rule, start))) {
      result.excluded += 1;
      continue;
    }
    const instance = master.getOccurrenceDetails(next.clone());
    const at = instance.startDate.toUnixTime();
    if (at >= from && at <= to) result.instances.push(instance);
  }
  return result;
}

/**
 * The expansion's next occurrence. ical.js 2.2 loses the later instances of a rule when another
 * rule of the same event ends first (RecurExpansion's search for the next rule skips the rule
 * after a finished one, or removes the wrong one), so finished rules are taken out before each
 * step, which is what it means to do.
 */
function nextOccurrence(expansion: ICAL.RecurExpansion): ICAL.Time | null {
  const rules = expansion as unknown as { ruleIterators: { completed: boolean }[] };
  rules.ruleIterators = rules.ruleIterators.filter((rule) => !rule.completed);
  return expansion.next() ?? null;
}

/** How far (in seconds) any override moves its instance, either way. */
function largestShift(master: ICAL.Event): number {
  const exceptions = Object.values(master.exceptions as unknown as Record<string, ICAL.Event>);
  return Math.max(0, ...exceptions.map((e) => Math.abs(e.startDate.toUnixTime() - e.recurrenceId.toUnixTime())));
}

function nearestToNow(instances: Instance[], series: Series, shown: string, context: RecurrenceContext): Instance[] {
  if (instances.length <= MAX_INSTANCES_PER_SERIES) return instances;
  context.warnings.push(
    `${label(series.components[0]!)} repeats ${instances.length} times in the ${PAST_DAYS + FUTURE_DAYS} days read (${shown}); ` +
      `kept the ${MAX_INSTANCES_PER_SERIES} nearest to today`,
  );
  const now = context.window.from.getTime() / 1000 + PAST_DAYS * 86_400;
  const distance = (instance: Instance) => Math.abs(instance.startDate.toUnixTime() - now);
  return [...instances]
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, MAX_INSTANCES_PER_SERIES)
    .sort((a, b) => a.startDate.toUnixTime() - b.startDate.toUnixTime());
}
