import { describe, expect, it } from 'vitest';
import { buildView } from '../../src/publish/view/index.ts';
import type { ListedEvent, StoredGroup } from '../../src/types.ts';
import type { SourceHealth } from '../../src/store/health.ts';
import { listedEvent, sourceHealth, storedGroup } from '../helpers/builders.ts';

const NOW = new Date('2026-11-26T20:00:00Z');
const site = { title: 'Spokane Tech', url: 'https://spokanetech.example', timezone: 'America/Los_Angeles' };
const group = storedGroup({ id: 'py', name: 'Python', homepage: null, sources: [] });

function event(overrides: Partial<ListedEvent> = {}): ListedEvent {
  return listedEvent({
    id: 'e1',
    groupId: 'py',
    sourceEventId: '1',
    venue: { name: 'IntelliTect', address: null, lat: null, lon: null },
    url: null,
    descriptionHtml: '',
    sequence: 1,
    lastChanged: '2026-11-24T00:00:00Z',
    ...overrides,
  });
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
    const other: StoredGroup = { ...group, id: 'rust', name: 'Rust' };
    const shared = event({ alsoListedOn: [{ groupId: 'rust', sourceType: 'luma', url: null }] });
    const view = buildView({ events: [shared], groups: [group, other], sources: [] }, site, NOW);
    expect(view.groups.map((g) => g.upcoming.length)).toEqual([1, 1]);
  });
});

describe('what the home page shows', () => {
  it('counts an event that started earlier and is still running as today', () => {
    const conference = event({ id: 'conf', allDay: true, start: '2026-11-25', end: '2026-11-28' });
    const tomorrow = event({ id: 'tomorrow', start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z' });
    const home = viewOf([conference, tomorrow]).home;
    expect(home.today.map((e) => e.id)).toEqual(['conf']);
    expect(home.thisWeek.map((d) => d.day)).toEqual(['2026-11-27']);
  });

  it('splits the next 30 days from this week, and counts what lies beyond', () => {
    const at = (id: string, day: number) =>
      event({ id, start: `2026-12-${String(day).padStart(2, '0')}T20:00:00Z`, end: `2026-12-${String(day).padStart(2, '0')}T22:00:00Z` });
    const home = viewOf([at('in-week', 2), at('later', 20), at('beyond', 31)]).home;
    expect(home.thisWeek.flatMap((d) => d.events.map((e) => e.id))).toEqual(['in-week']);
    expect(home.later.flatMap((d) => d.events.map((e) => e.id))).toEqual(['later']);
    expect(home.beyondCount).toBe(1);
  });
});

describe('times and order', () => {
  it('ends an all-day event at midnight in the site’s zone, not in UTC', () => {
    // 5 PM in Spokane on November 26 is already the 27th in UTC; today's all-day event still runs.
    const today = event({ allDay: true, start: '2026-11-26', end: '2026-11-27' });
    expect(viewOf([today], new Date('2026-11-27T01:00:00Z')).events[0]!.upcoming).toBe(true);
    expect(viewOf([today], new Date('2026-11-27T08:30:00Z')).events[0]!.upcoming).toBe(false);
  });

  it('lists events by local day, all-day events first, then by time', () => {
    const events = [
      event({ id: 'evening', start: '2026-12-13T02:00:00Z', end: '2026-12-13T04:00:00Z' }),
      event({ id: 'all-day', allDay: true, start: '2026-12-12', end: '2026-12-13' }),
      event({ id: 'morning', start: '2026-12-12T17:00:00Z', end: '2026-12-12T18:00:00Z' }),
    ];
    expect(viewOf(events).events.map((e) => e.id)).toEqual(['all-day', 'morning', 'evening']);
  });

  it('shows an evening past midnight as one evening, and a longer event with its last day', () => {
    const late = viewOf([event({ start: '2026-12-01T07:30:00Z', end: '2026-12-01T09:00:00Z' })]).events[0]!;
    expect([late.day, late.timeLabel, late.days]).toEqual(['2026-11-30', '11:30 PM – 1:00 AM PST', ['2026-11-30']]);
    const weekend = viewOf([event({ start: '2026-12-05T17:00:00Z', end: '2026-12-07T01:00:00Z' })]).events[0]!;
    expect(weekend.days).toEqual(['2026-12-05', '2026-12-06']);
    expect(weekend.datedLabel).toBe('Sat, Dec 5, 9:00 AM – Sun, Dec 6, 5:00 PM PST');
  });

  it('says how long an event lasts, and gives its times with the offset for machines', () => {
    const [shown] = viewOf([event({ end: '2026-12-04T03:30:00Z' })]).events;
    expect(shown!.durationLabel).toBe('1 hour 30 minutes');
    expect([shown!.startIso, shown!.endIso]).toEqual(['2026-12-03T18:00:00-08:00', '2026-12-03T19:30:00-08:00']);
    expect(shown!.zoneName).toBe('Pacific Standard Time');
  });
});

describe('groups and tags', () => {
  const source = (overrides: Partial<SourceHealth>) => sourceHealth({ groupId: 'py', url: 'https://www.meetup.com/py/', ...overrides });
  const activity = (events: ListedEvent[], sources = [source({})]) =>
    buildView({ events, groups: [group], sources }, site, NOW).groups[0]!.activity;

  it('calls a group active, quiet for months, or failing when every source fails', () => {
    expect(activity([event()]).state).toBe('active');
    const old = event({ start: '2026-06-11T01:00:00Z', end: '2026-06-11T03:00:00Z' });
    expect(activity([old])).toMatchObject({ state: 'quiet', label: 'Quiet for 5 months; last event June 10, 2026' });
    const failing = source({ state: 'failing', lastOutcome: 'failed', lastFailure: '2026-11-26T10:00:00Z', consecutiveFailures: 2, lastSuccess: '2026-11-20T10:00:00Z' });
    expect(activity([event()], [failing])).toMatchObject({ state: 'failing', label: expect.stringContaining('November 20, 2026') });
  });

  it('gives an event the tags of its group and of the groups that also list it', () => {
    const py: StoredGroup = { ...group, tags: ['python'] };
    const rust: StoredGroup = { ...group, id: 'rust', name: 'Rust', tags: ['Rust', 'python'] };
    const shared = event({ alsoListedOn: [{ groupId: 'rust', sourceType: 'luma', url: null }] });
    const view = buildView({ events: [shared], groups: [py, rust], sources: [] }, site, NOW);
    expect(view.events[0]!.tags.map((t) => t.slug)).toEqual(['python', 'rust']);
    expect(view.tags.map((t) => [t.slug, t.upcoming.length])).toEqual([
      ['python', 1],
      ['rust', 1],
    ]);
  });

  it('keeps cancelled and unlisted events out of the past archive', () => {
    const past = (overrides: Partial<ListedEvent>) => event({ start: '2026-10-01T01:00:00Z', end: '2026-10-01T03:00:00Z', ...overrides });
    const view = viewOf([past({ id: 'held' }), past({ id: 'off', status: 'cancelled' }), past({ id: 'gone', removed: true })]);
    const archive = view.lists.filter((l) => l.list === 'past').flatMap((l) => l.sections.flatMap((s) => s.events.map((e) => e.id)));
    expect(archive).toEqual(['held']);
    expect(view.groups[0]!.past.map((e) => e.id)).toEqual(['held']);
  });
});
