import { describe, expect, it } from 'vitest';
import { describeSlot, usuallyMeets } from '../../src/plan/describe.ts';
import type { Slot } from '../../src/plan/slots.ts';

const slot = (overrides: Partial<Slot>): Slot => ({
  rule: { kind: 'weekly', weekday: 5 },
  part: 'evening',
  time: '18:00',
  exact: true,
  minutes: 120,
  confidence: 1,
  monthsMatched: 6,
  monthsCounted: 6,
  since: '2026-06-05',
  latest: '2026-11-20',
  ...overrides,
});

describe('a slot in words', () => {
  it('says the hour as people do: noon, 7:30 AM, 6 PM', () => {
    expect(describeSlot(slot({ time: '12:00', part: 'afternoon' }))).toBe('every Friday, noon');
    expect(describeSlot(slot({ time: '07:30', part: 'morning' }))).toBe('every Friday, 7:30 AM');
    expect(describeSlot(slot({ rule: { kind: 'last', weekday: 7 }, time: '00:30', part: 'morning' }))).toBe('on the last Sunday of the month, 12:30 AM');
  });

  it('says the part of the day when the start varies', () => {
    expect(describeSlot(slot({ rule: { kind: 'biweekly', weekday: 1, anchor: '1970-01-05' }, exact: false }))).toBe('every other Monday evening');
    expect(describeSlot(slot({ rule: { kind: 'monthly', weekday: 3, week: 4 }, exact: false, part: 'afternoon' }))).toBe(
      'on the fourth Wednesday of the month, in the afternoon',
    );
  });
});

describe('a group’s habit, for its page', () => {
  const weekly = (weekday: number, overrides: Partial<Slot> = {}) => slot({ rule: { kind: 'weekly', weekday }, ...overrides });

  it('says each slot with how sure it is, and nothing for a group without one', () => {
    expect(usuallyMeets([slot({ rule: { kind: 'monthly', weekday: 2, week: 2 }, monthsMatched: 5 })])).toBe(
      'Usually meets on the second Tuesday of the month, 6 PM (5 of the last 6 months)',
    );
    expect(usuallyMeets([weekly(4, { time: '07:30', part: 'morning' }), slot({ rule: { kind: 'last', weekday: 3 }, time: '18:30' })])).toBe(
      'Usually meets every Thursday, 7:30 AM (each of the last 6 months) and on the last Wednesday of the month, 6:30 PM (each of the last 6 months)',
    );
    expect(usuallyMeets([])).toBeNull();
  });

  it('says weekly slots at the same hour and as sure once, weekdays in order, and every day as that', () => {
    expect(usuallyMeets([weekly(4, { time: '07:30', part: 'morning' }), weekly(2, { time: '07:30', part: 'morning' })])).toBe(
      'Usually meets every Tuesday and Thursday, 7:30 AM (each of the last 6 months)',
    );
    expect(usuallyMeets([1, 2, 3, 4, 5, 6, 7].map((day) => weekly(day)))).toBe('Usually meets every day, 6 PM (each of the last 6 months)');
    expect(usuallyMeets([1, 2, 3, 4, 5, 6, 7].map((day) => weekly(day, { exact: false })))).toBe('Usually meets every evening (each of the last 6 months)');
    // Not as sure, or not at the same hour: said apart.
    expect(usuallyMeets([weekly(1), weekly(3, { monthsMatched: 4 }), weekly(5, { time: '19:00' })])).toBe(
      'Usually meets every Monday, 6 PM (each of the last 6 months), every Wednesday, 6 PM (4 of the last 6 months) and every Friday, 7 PM (each of the last 6 months)',
    );
  });
});
