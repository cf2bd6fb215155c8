// RRULE values checked before anything expands them: what RFC 5545 §3.3.10 allows, what no event
// needs (a rule repeating every second), and what cannot be read one way only.

/**
 * Occurrences one rule may step through, by its frequency: a century and more of real monthly or
 * weekly meetings, a few decades of daily ones. Beyond them a rule is not expanded.
 */
export const MAX_STEPS: Record<string, number> = { YEARLY: 200, MONTHLY: 1_200, WEEKLY: 5_200, DAILY: 10_000, HOURLY: 10_000 };

/** Frequencies no event has; a rule with one is refused, not read as a one-off. */
const REFUSED: Record<string, string> = { SECONDLY: 'second', MINUTELY: 'minute' };

const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';

export interface ReadRule {
  /** The rule with each part once. */
  rule: string;
  /** Why the rule cannot be used, or null. */
  problem: string | null;
  /** Parts the rule gives twice, with the same value. */
  repeated: string[];
}

/**
 * The rule as written, each part once. A part given twice with the same value says nothing
 * more (`FREQ=DAILY;UNTIL=…;FREQ=DAILY`) and is read once. A part given twice with different
 * values (`COUNT=5;COUNT=50`) could mean either, and reading the first or the last would be a
 * guess that might list events the feed never meant: such a rule is as unusable as an invalid
 * one, so the event stays at its DTSTART, which every reading of it includes.
 */
export function readRule(text: string): ReadRule {
  const parts = new Map<string, string>();
  const repeated: string[] = [];
  for (const part of text.trim().split(';')) {
    const [key = '', ...rest] = part.split('=');
    const name = key.trim().toUpperCase();
    if (name === '') continue;
    const value = rest.join('=').trim().toUpperCase();
    const earlier = parts.get(name);
    if (earlier !== undefined && earlier !== value) return { rule: text.trim(), problem: `gives ${name} twice (${earlier} and ${value})`, repeated };
    if (earlier !== undefined) repeated.push(name);
    parts.set(name, value);
  }
  const rule = [...parts].map(([name, value]) => `${name}=${value}`).join(';');
  return { rule, problem: ruleProblem(rule), repeated };
}

/** Whether the problem is a refusal (a rule repeating every second), not a rule that cannot be read. */
export function isRefused(rule: string): boolean {
  return ruleFrequency(rule) in REFUSED;
}

export function ruleFrequency(rule: string): string {
  return /(?:^|;)FREQ=([A-Z]+)/i.exec(rule)?.[1]?.toUpperCase() ?? '';
}

/** What makes the rule invalid under RFC 5545 §3.3.10 (or not worth expanding), or null. */
export function ruleProblem(rule: string): string | null {
  const parts = new Map<string, string>();
  for (const part of rule.split(';')) {
    const [key = '', ...rest] = part.split('=');
    if (key.trim() !== '') parts.set(key.trim().toUpperCase(), rest.join('=').trim().toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== undefined && freq in REFUSED) return `repeats every ${REFUSED[freq]}, which no event does`;
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
    [parts.get('UNTIL') === undefined || /^\d{8}(?:T\d{6}Z?)?$/.test(parts.get('UNTIL')!), 'UNTIL'],
    [numbers('BYSECOND', 0, 60, false), 'BYSECOND'],
    [numbers('BYMINUTE', 0, 59, false), 'BYMINUTE'],
    [numbers('BYHOUR', 0, 23, false), 'BYHOUR'],
    [numbers('BYMONTH', 1, 12, false), 'BYMONTH'],
    [numbers('BYMONTHDAY', 1, 31, true) && !(parts.has('BYMONTHDAY') && freq === 'WEEKLY'), 'BYMONTHDAY'],
    [numbers('BYYEARDAY', 1, 366, true) && !(parts.has('BYYEARDAY') && ['DAILY', 'WEEKLY', 'MONTHLY'].includes(freq)), 'BYYEARDAY'],
    [numbers('BYWEEKNO', 1, 53, true) && !(parts.has('BYWEEKNO') && freq !== 'YEARLY'), 'BYWEEKNO'],
    [numbers('BYSETPOS', 1, 366, true) && !(parts.has('BYSETPOS') && ![...parts.keys()].some((k) => k.startsWith('BY') && k !== 'BYSETPOS')), 'BYSETPOS'],
    [byDayValid(parts.get('BYDAY'), freq, parts.has('BYWEEKNO')), 'BYDAY'],
    [parts.get('WKST') === undefined || new RegExp(`^${WEEKDAY}$`).test(parts.get('WKST')!), 'WKST'],
  ];
  const bad = checks.find(([ok]) => !ok);
  return bad === undefined ? null : `has an RRULE whose ${bad[1]} is not valid`;
}

/** Weekdays, with an ordinal (1MO, -1FR) only in a monthly or yearly rule without BYWEEKNO. */
function byDayValid(text: string | undefined, freq: string, byWeekNumber: boolean): boolean {
  if (text === undefined) return true;
  return text.split(',').every((item) => {
    const match = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`).exec(item);
    if (!match) return false;
    if (match[1] === undefined) return true;
    const n = Math.abs(Number(match[1]));
    return n >= 1 && n <= 53 && (freq === 'MONTHLY' || (freq === 'YEARLY' && !byWeekNumber));
  });
}
