import { describe, expect, it } from 'vitest';
import { planAhead } from '../../src/plan/index.ts';
import type { ListedEvent } from '../../src/types.ts';
import { NOW, ZONE } from '../helpers/builders.ts';
import { eventsOn, everyWeek, monthly } from '../helpers/histories.ts';

const TUESDAY = 2;

/** The local days `groupId` usually meets in the next 120 days, as the plan page shows them. */
function usualDays(events: ListedEvent[], groupId = 'data'): string[] {
  const plan = planAhead({ events, groups: [{ id: groupId, tags: [] }], zone: ZONE, now: NOW, days: 120 });
  return plan.usual.filter((night) => night.groupId === groupId).map((night) => night.day);
}

describe('the nights a group usually meets', () => {
  it('are its slot projected over the next 120 days, except the nights it has listed already', () => {
    // The second Tuesday since May; December's is listed.
    expect(usualDays(eventsOn('data', monthly(TUESDAY, 2, '2026-05', '2026-12')))).toEqual(['2027-01-12', '2027-02-09', '2027-03-09']);
  });

  it('leave out a month whose meeting the group has listed on another night', () => {
    const history = eventsOn('data', monthly(TUESDAY, 2, '2026-05', '2026-12'));
    const moved = eventsOn('data', ['2027-01-14'], '18:00');
    expect(usualDays([...history, ...moved])).toEqual(['2027-02-09', '2027-03-09']);
  });

  it('are kept when the group lists something else that month at another time of day', () => {
    const history = eventsOn('data', monthly(TUESDAY, 2, '2026-05', '2026-12'));
    const lunch = eventsOn('data', ['2027-01-20'], '12:00');
    expect(usualDays([...history, ...lunch])).toContain('2027-01-12');
  });

  it('continue every other week in step with the meetings', () => {
    const days = usualDays(eventsOn('data', everyWeek(TUESDAY, '2026-06-02', '2026-12-01', 14)));
    expect(days.slice(0, 3)).toEqual(['2026-12-15', '2026-12-29', '2027-01-12']);
  });

  it('are none for a group with no regular slot', () => {
    expect(usualDays(eventsOn('data', ['2026-09-03', '2026-10-14', '2026-11-09']))).toEqual([]);
  });
});
