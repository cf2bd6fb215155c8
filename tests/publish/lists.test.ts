import { describe, expect, it } from 'vitest';
import { eventListPages, groupListPages, tagListPages } from '../../src/publish/view/lists.ts';
import { PAGE_SIZE } from '../../src/publish/view/list-pages.ts';
import { eventView } from '../helpers/builders.ts';

const inPerson = eventView({ id: 'in-person' });
const online = eventView({ id: 'online', attendance: 'online', start: '2026-12-05T02:00:00Z', end: '2026-12-05T04:00:00Z' });
const hybrid = eventView({ id: 'hybrid', attendance: 'hybrid', start: '2026-12-05T03:00:00Z', end: '2026-12-05T05:00:00Z' });
const october = eventView({ id: 'october', start: '2026-10-01T20:00:00Z', end: '2026-10-01T22:00:00Z' });
const september = eventView({ id: 'september', start: '2026-09-01T20:00:00Z', end: '2026-09-01T22:00:00Z' });

const pages = eventListPages([inPerson, online, hybrid], [october, september], 3, '2026-11-26');
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
    expect(eventListPages([inPerson], [], 1, '2026-11-26')[0]!.intro).toBe('1 upcoming event from 1 group, soonest first.');
  });

  it('heads each day with its date, and shows each event’s time only', () => {
    expect(list('upcoming').sections.map((s) => [s.heading, s.datetime, s.showDate])).toEqual([
      ['Thursday, December 3', '2026-12-03', false],
      ['Friday, December 4', '2026-12-04', false],
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

describe('what an upcoming list opens with', () => {
  it('puts an event that began on an earlier day and still runs under “Ongoing”, never under a day that has passed', () => {
    const conference = eventView({ id: 'conf', allDay: true, start: '2026-11-24', end: '2026-11-29' });
    const tonight = eventView({ id: 'tonight', start: '2026-11-27T02:00:00Z', end: '2026-11-27T04:00:00Z' });
    const tomorrow = eventView({ id: 'tomorrow', start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z' });
    const [first] = eventListPages([conference, tonight, tomorrow], [], 1, '2026-11-26');
    expect(first!.sections.map((s) => [s.heading, s.datetime, s.events.map((e) => e.id)])).toEqual([
      ['Ongoing', null, ['conf']],
      ['Today · Thursday, November 26', '2026-11-26', ['tonight']],
      ['Tomorrow · Friday, November 27', '2026-11-27', ['tomorrow']],
    ]);
  });
});

describe('rows and cards', () => {
  it('offers every upcoming list as rows and as cards, page for page, the choice a link', () => {
    const many = Array.from({ length: PAGE_SIZE + 1 }, (_, i) => eventView({ id: `e${i}` }));
    const all = eventListPages(many, [], 1, '2026-11-26').filter((p) => p.list === 'upcoming');
    expect(all.map((p) => [p.path, p.layout])).toEqual([
      ['/upcoming/', 'rows'],
      ['/upcoming/2/', 'rows'],
      ['/upcoming/cards/', 'cards'],
      ['/upcoming/cards/2/', 'cards'],
    ]);
    expect(all[1]!.views.map((v) => [v.label, v.path, v.current])).toEqual([
      ['List', '/upcoming/2/', true],
      ['Cards', '/upcoming/cards/2/', false],
    ]);
    expect(all[2]!.filters.map((f) => f.path)).toEqual(['/upcoming/cards/', '/upcoming/online/cards/', '/upcoming/in-person/cards/']);
  });

  it('fills the cards’ grid a week at a time, each card with its date', () => {
    const weekEvents = ['2026-11-27', '2026-12-01', '2026-12-08', '2026-12-16'].map((day) => eventView({ id: day, start: `${day}T20:00:00Z`, end: `${day}T22:00:00Z` }));
    const cards = eventListPages(weekEvents, [], 1, '2026-11-26').find((p) => p.path === '/upcoming/cards/')!;
    expect(cards.sections.map((s) => [s.heading, s.datetime, s.showDate, s.events.length])).toEqual([
      ['This week', '2026-W48', true, 1],
      ['Next week', '2026-W49', true, 1],
      ['Week of December 7, 2026', '2026-W50', true, 1],
      ['Week of December 14, 2026', '2026-W51', true, 1],
    ]);
  });
});

describe('a group’s and a tag’s whole lists', () => {
  const shown = (upcoming: string | null, past: string | null) => ({ upcoming: { events: [], total: 0, morePath: upcoming }, past: { events: [], total: 0, morePath: past, sections: [] } });

  it('are pages of their own only when the group’s or tag’s page cannot show all of it', () => {
    const group = { name: 'Spokane Python User Group', path: '/groups/python-spokane/', upcoming: [inPerson], past: [october] };
    expect(groupListPages({ ...group, shown: shown(null, null) }, '2026-11-26')).toEqual([]);
    const pages = groupListPages({ ...group, shown: shown('/groups/python-spokane/upcoming/', '/groups/python-spokane/past/') }, '2026-11-26');
    expect(pages.map((p) => [p.path, p.heading, p.parent?.path, p.showGroup])).toEqual([
      ['/groups/python-spokane/upcoming/', 'Upcoming events of Spokane Python User Group', '/groups/python-spokane/', false],
      ['/groups/python-spokane/past/', 'Past events of Spokane Python User Group', '/groups/python-spokane/', false],
    ]);
    expect(pages[1]!.sections.map((s) => [s.heading, s.datetime])).toEqual([['2026', '2026']]);
    const tag = { name: 'python', path: '/tags/python/', upcoming: [inPerson] };
    expect(tagListPages({ ...tag, shown: { upcoming: { events: [], total: 1, morePath: null } } }, '2026-11-26')).toEqual([]);
    expect(tagListPages({ ...tag, shown: { upcoming: { events: [], total: 1, morePath: '/tags/python/upcoming/' } } }, '2026-11-26').map((p) => p.path)).toEqual(['/tags/python/upcoming/']);
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
    const empty = eventListPages([], [], 0, '2026-11-26');
    expect(empty.map((p) => [p.path, p.total, p.emptyText])).toEqual([
      ['/upcoming/', 0, 'No upcoming events are known right now.'],
      ['/upcoming/cards/', 0, 'No upcoming events are known right now.'],
      ['/upcoming/online/', 0, 'No upcoming online events are known right now.'],
      ['/upcoming/online/cards/', 0, 'No upcoming online events are known right now.'],
      ['/upcoming/in-person/', 0, 'No upcoming in-person events are known right now.'],
      ['/upcoming/in-person/cards/', 0, 'No upcoming in-person events are known right now.'],
      ['/past/', 0, 'No past events recorded yet.'],
    ]);
  });
});
