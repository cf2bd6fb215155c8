import { describe, expect, it } from 'vitest';
import { buildView, pathPrefixOf } from '../../src/build/view.ts';
import type { ExportedGroup, ListedEvent } from '../../src/types.ts';

const NOW = new Date('2026-11-26T20:00:00Z');
const site = { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: 'America/Los_Angeles' };
const group: ExportedGroup = {
  id: 'py',
  name: 'Python',
  homepage: null,
  descriptionHtml: null,
  imageUrl: null,
  links: [],
  tags: [],
  sources: [],
};

function event(overrides: Partial<ListedEvent> = {}): ListedEvent {
  return {
    id: 'e1',
    slug: 'e1',
    groupId: 'py',
    sourceType: 'meetup',
    sourceUrl: 'https://www.meetup.com/python-spokane/',
    sourceEventId: '1',
    title: 'Python Night',
    start: '2026-12-04T02:00:00Z',
    end: '2026-12-04T04:00:00Z',
    allDay: false,
    endEstimated: false,
    timezone: 'America/Los_Angeles',
    status: 'scheduled',
    attendance: 'in_person',
    venue: { name: 'IntelliTect', address: null, lat: null, lon: null },
    onlineUrl: null,
    url: null,
    descriptionHtml: '',
    imageUrl: null,
    topics: [],
    sequence: 1,
    firstSeen: '2026-11-01T00:00:00Z',
    lastChanged: '2026-11-24T00:00:00Z',
    removed: false,
    changes: [],
    alsoListedOn: [],
    ...overrides,
  };
}

const viewOf = (events: ListedEvent[], now = NOW) => buildView({ events, groups: [group], sources: [] }, site, now);

describe('what the pages say about an event', () => {
  it('shows the local date and time with the zone named', () => {
    const [shown] = viewOf([event()]).events;
    expect(shown!.dateLabel).toBe('Thursday, December 3, 2026');
    expect(shown!.timeLabel).toBe('6:00 PM – 8:00 PM PST');
  });

  it('says "Time changed" for a week after the time changed upstream, then no longer', () => {
    const changed = event({
      changes: [{ at: '2026-11-24T00:00:00Z', fields: ['time'], previous: { start: '2026-12-03T02:00:00Z', end: '2026-12-03T04:00:00Z', allDay: false } }],
    });
    expect(viewOf([changed]).events[0]!.recentChanges).toEqual(['Time changed']);
    expect(viewOf([changed], new Date('2026-12-02T00:00:00Z')).events[0]!.recentChanges).toEqual([]);
  });

  it('says "Moved" when the place changed, and keeps a log of what it was', () => {
    const moved = event({
      changes: [{ at: '2026-11-25T00:00:00Z', fields: ['place'], previous: { venue: { name: 'The Hive', address: null, lat: null, lon: null }, attendance: 'in_person', onlineUrl: null } }],
    });
    const [shown] = viewOf([moved]).events;
    expect(shown!.recentChanges).toEqual(['Moved']);
    expect(shown!.changeLog).toEqual(['Place changed on Tuesday, November 24, 2026 (was The Hive)']);
  });

  it('describes an earlier time in the change log in local time', () => {
    const changed = event({
      changes: [{ at: '2026-11-24T00:00:00Z', fields: ['time'], previous: { start: '2026-12-03T02:00:00Z', end: '2026-12-03T04:00:00Z', allDay: false } }],
    });
    expect(viewOf([changed]).events[0]!.changeLog[0]).toBe(
      'Time changed on Monday, November 23, 2026 (was Wednesday, December 2, 2026, 6:00 PM – 8:00 PM PST)',
    );
  });

  it('lists an event no longer given by its source as neither upcoming nor past on its group page', () => {
    const view = viewOf([event({ removed: true })]);
    expect(view.upcomingCount).toBe(0);
    expect(view.groups[0]!.upcoming).toEqual([]);
  });

  it('lists a cancelled upcoming event as upcoming, so people see it is off', () => {
    expect(viewOf([event({ status: 'cancelled' })]).upcomingCount).toBe(1);
  });

  it('shows an event co-hosted with another group on both groups’ pages', () => {
    const other: ExportedGroup = { ...group, id: 'rust', name: 'Rust' };
    const shared = event({ alsoListedOn: [{ groupId: 'rust', sourceType: 'luma', url: null }] });
    const view = buildView({ events: [shared], groups: [group, other], sources: [] }, site, NOW);
    expect(view.groups.map((g) => g.upcoming.length)).toEqual([1, 1]);
  });
});

describe('the site path', () => {
  it('is the root for a site at a domain, and the project path for a project site', () => {
    expect(pathPrefixOf('https://spokanetech.example')).toBe('/');
    expect(pathPrefixOf('https://someone.github.io/spokane-tech/')).toBe('/spokane-tech/');
  });
});
