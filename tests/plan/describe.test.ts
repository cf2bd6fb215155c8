import { describe, expect, it } from 'vitest';
import { describeSlot } from '../../src/plan/describe.ts';
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
