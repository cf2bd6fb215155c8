import { describe, expect, it } from 'vitest';
import { homeView, NEXT_SHOWN, TODAY_SHOWN, WEEK_SHOWN } from '../../src/publish/view/home.ts';
import { eventView } from '../helpers/builders.ts';

const TODAY = '2026-11-26';
/** An event at noon in Spokane, `days` after today. */
const inDays = (id: string, days: number) => {
  const start = new Date(Date.parse('2026-11-26T20:00:00Z') + days * 86_400_000).toISOString().replace('.000', '');
  return eventView({ id, start, end: start.replace('T20:', 'T22:') });
};
const ids = (events: { id: string }[]) => events.map((e) => e.id);

describe('what the home page shows', () => {
  it('shows an event that began on an earlier day and still runs as ongoing, not as starting today', () => {
    const conference = eventView({ id: 'conf', allDay: true, start: '2026-11-25', end: '2026-11-28' });
    const tonight = eventView({ id: 'tonight', start: '2026-11-27T02:00:00Z', end: '2026-11-27T04:00:00Z' });
    const tomorrow = eventView({ id: 'tomorrow', start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z' });
    const home = homeView([conference, tonight, tomorrow], TODAY);
    expect(ids(home.today.events)).toEqual(['tonight']);
    expect(ids(home.ongoing.events)).toEqual(['conf']);
    expect(home.thisWeek.map((d) => d.day)).toEqual(['2026-11-27']);
  });

  it('shows the next events after this week however far off they are, so a quiet month is never an empty page', () => {
    const far = Array.from({ length: 12 }, (_, i) => inDays(`far-${i}`, 60 + i * 7));
    const home = homeView(far, TODAY);
    expect(home.today.events).toEqual([]);
    expect(home.thisWeek).toEqual([]);
    expect(ids(home.next)).toEqual(ids(far.slice(0, NEXT_SHOWN)));
    expect(home.laterCount).toBe(2);
  });

  it('bounds each part and links to the whole list for the rest', () => {
    const today = Array.from({ length: TODAY_SHOWN + 3 }, (_, i) => inDays(`today-${i}`, 0));
    const week = Array.from({ length: WEEK_SHOWN + 5 }, (_, i) => inDays(`week-${i}`, 1 + (i % 6)));
    const home = homeView([...today, ...week.sort((a, b) => a.when.day.localeCompare(b.when.day))], TODAY);
    expect(home.today.events).toHaveLength(TODAY_SHOWN);
    expect([home.today.total, home.today.morePath]).toEqual([TODAY_SHOWN + 3, '/upcoming/#day-2026-11-26']);
    expect(home.thisWeek.flatMap((d) => d.events)).toHaveLength(WEEK_SHOWN);
    expect(home.thisWeekMore).toBe(5);
  });

  it('heads today and each day of the week with its date, tomorrow said as such', () => {
    const home = homeView([inDays('a', 1), inDays('b', 5), inDays('c', 5)], TODAY);
    expect(home.todayLabel).toBe('Thursday, November 26');
    expect(home.thisWeek.map((d) => [d.label, d.events.length])).toEqual([
      ['Tomorrow · Friday, November 27', 1],
      ['Tuesday, December 1', 2],
    ]);
  });
});
