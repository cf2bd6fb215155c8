import { describe, expect, it } from 'vitest';
import { homeView } from '../../src/publish/view/home.ts';
import { eventView } from '../helpers/builders.ts';

const TODAY = '2026-11-26';
const at = (id: string, day: number) =>
  eventView({ id, start: `2026-12-${String(day).padStart(2, '0')}T20:00:00Z`, end: `2026-12-${String(day).padStart(2, '0')}T22:00:00Z` });

describe('what the home page shows', () => {
  it('counts an event that started earlier and is still running as today', () => {
    const conference = eventView({ id: 'conf', allDay: true, start: '2026-11-25', end: '2026-11-28' });
    const tomorrow = eventView({ id: 'tomorrow', start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z' });
    const home = homeView([conference, tomorrow], TODAY);
    expect(home.today.map((e) => e.id)).toEqual(['conf']);
    expect(home.thisWeek.map((d) => d.day)).toEqual(['2026-11-27']);
  });

  it('splits the next 30 days from this week, and counts what lies beyond', () => {
    const home = homeView([at('in-week', 2), at('later', 20), at('beyond', 31)], TODAY);
    expect(home.thisWeek.flatMap((d) => d.events.map((e) => e.id))).toEqual(['in-week']);
    expect(home.later.flatMap((d) => d.events.map((e) => e.id))).toEqual(['later']);
    expect(home.beyondCount).toBe(1);
  });

  it('heads each day with its date, and today with today’s', () => {
    const home = homeView([at('a', 1), at('b', 1), at('c', 2)], TODAY);
    expect(home.todayLabel).toBe('Thursday, November 26, 2026');
    expect(home.thisWeek.map((d) => [d.label, d.events.length])).toEqual([
      ['Tuesday, December 1, 2026', 2],
      ['Wednesday, December 2, 2026', 1],
    ]);
  });
});
