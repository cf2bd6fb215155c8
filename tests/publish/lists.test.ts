import { describe, expect, it } from 'vitest';
import { eventListPages } from '../../src/publish/view/lists.ts';
import { eventView } from '../helpers/builders.ts';

const inPerson = eventView({ id: 'in-person' });
const online = eventView({ id: 'online', attendance: 'online', start: '2026-12-05T02:00:00Z', end: '2026-12-05T04:00:00Z' });
const hybrid = eventView({ id: 'hybrid', attendance: 'hybrid', start: '2026-12-05T03:00:00Z', end: '2026-12-05T05:00:00Z' });
const october = eventView({ id: 'october', start: '2026-10-01T20:00:00Z', end: '2026-10-01T22:00:00Z' });
const september = eventView({ id: 'september', start: '2026-09-01T20:00:00Z', end: '2026-09-01T22:00:00Z' });

const pages = eventListPages([inPerson, online, hybrid], [october, september], 3);
const list = (name: string) => pages.find((p) => p.list === name)!;
const ids = (name: string) => list(name).sections.flatMap((s) => s.events.map((e) => e.id));

describe('the lists of upcoming events', () => {
  it('lists every upcoming event, the ones to join online, and the ones with a place to go', () => {
    expect(ids('upcoming')).toEqual(['in-person', 'online', 'hybrid']);
    expect(ids('online')).toEqual(['online', 'hybrid']);
    expect(ids('in-person')).toEqual(['in-person', 'hybrid']);
  });

  it('says how many events each list holds and from how many groups', () => {
    expect(list('upcoming').intro).toBe('3 upcoming events from 3 groups, soonest first.');
    expect(list('online').intro).toBe('2 upcoming events you can join online (online and hybrid).');
    expect(list('in-person').intro).toBe('2 upcoming events with a place to go (in person and hybrid).');
    expect(eventListPages([inPerson], [], 1)[0]!.intro).toBe('1 upcoming event from 1 group, soonest first.');
  });

  it('heads each day with its date, and shows each event’s time only', () => {
    expect(list('upcoming').sections.map((s) => [s.heading, s.datetime, s.showDate])).toEqual([
      ['Thursday, December 3, 2026', '2026-12-03', false],
      ['Friday, December 4, 2026', '2026-12-04', false],
    ]);
  });

  it('links the three upcoming lists to each other, marking the one shown', () => {
    expect(list('online').filters.map((f) => [f.label, f.path, f.current])).toEqual([
      ['All', '/upcoming/', false],
      ['Online', '/upcoming/online/', true],
      ['In person', '/upcoming/in-person/', false],
    ]);
  });
});

describe('the list of past events', () => {
  it('heads each month, newest first, and shows each event’s date', () => {
    expect(list('past').sections.map((s) => [s.heading, s.datetime, s.showDate])).toEqual([
      ['October 2026', '2026-10', true],
      ['September 2026', '2026-09', true],
    ]);
    expect(list('past').intro).toBe('2 past events, newest first, by month.');
    expect(list('past').filters).toEqual([]);
  });

  it('says so when nothing is recorded yet', () => {
    const empty = eventListPages([], [], 0);
    expect(empty.map((p) => [p.list, p.total, p.emptyText])).toEqual([
      ['upcoming', 0, 'No upcoming events are known right now.'],
      ['online', 0, 'No upcoming online events are known right now.'],
      ['in-person', 0, 'No upcoming in-person events are known right now.'],
      ['past', 0, 'No past events recorded yet.'],
    ]);
  });
});
