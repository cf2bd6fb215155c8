import { describe, expect, it } from 'vitest';
import { viewContext } from '../../src/publish/view/context.ts';
import { eventView } from '../../src/publish/view/event.ts';
import type { ListedEvent, StoredGroup } from '../../src/types.ts';
import { NOW, listedEvent, siteConfig, storedGroup } from '../helpers/builders.ts';

const python = storedGroup({ tags: ['python'] });
const rust = storedGroup({ id: 'spokane-rust', name: 'Spokane Rust', tags: ['Rust', 'Python'] });

function shown(overrides: Partial<ListedEvent> = {}, options: { groups?: StoredGroup[]; now?: Date; url?: string } = {}) {
  const context = viewContext(options.groups ?? [python, rust], siteConfig({ url: options.url ?? 'https://spokanetech.example' }), options.now ?? NOW);
  return eventView(listedEvent(overrides), context);
}

describe('an event that began on an earlier day', () => {
  it('is ongoing while it runs, and says until when', () => {
    const conference = shown({ allDay: true, start: '2026-11-24', end: '2026-11-28' });
    expect([conference.ongoing, conference.when.untilLabel]).toEqual([true, 'until Friday, November 27']);
    const hackWeek = shown({ start: '2026-11-24T17:00:00Z', end: '2026-11-29T01:00:00Z' });
    expect([hackWeek.ongoing, hackWeek.when.untilLabel]).toEqual([true, 'until Saturday, November 28, 5:00 PM']);
    expect(shown().ongoing).toBe(false);
    expect(shown({ start: '2026-11-20T17:00:00Z', end: '2026-11-21T01:00:00Z' }).ongoing).toBe(false);
  });
});

describe('reporting a problem with an event', () => {
  it('opens the repository’s “wrong event” form with the event’s title and link filled in', () => {
    const context = viewContext([python], siteConfig({ repository: 'https://github.com/spokane-tech/spokane-tech' }), NOW);
    const event = eventView(listedEvent({ slug: 'x', title: 'Python Night & Pizza' }), context);
    const report = new URL(event.links.report!);
    expect(`${report.origin}${report.pathname}`).toBe('https://github.com/spokane-tech/spokane-tech/issues/new');
    expect(Object.fromEntries(report.searchParams)).toEqual({
      template: 'report-a-wrong-event.yml',
      title: 'Wrong event: Python Night & Pizza',
      event: 'https://spokanetech.example/events/x/',
    });
  });

  it('offers no such link when sources.yaml names no repository', () => {
    expect(shown().links.report).toBeNull();
  });
});

describe('an event’s links', () => {
  it('links its page, its group’s page and its own .ics file on this site', () => {
    const event = shown({ slug: '2026-12-03-python-night' });
    expect(event.links).toMatchObject({
      path: '/events/2026-12-03-python-night/',
      pageUrl: 'https://spokanetech.example/events/2026-12-03-python-night/',
      groupPath: '/groups/python-spokane/',
      ics: '/events/2026-12-03-python-night/event.ics',
    });
  });

  it('gives its page’s address under the site’s path prefix', () => {
    expect(shown({ slug: 'x' }, { url: 'https://someone.github.io/spokane-tech/' }).links.pageUrl).toBe('https://someone.github.io/spokane-tech/events/x/');
  });

  it('names a slug from a hand-edited export safely, never a path out of events/', () => {
    const event = shown({ slug: '../../etc' });
    expect(event.slug).toMatch(/^etc-[0-9a-f]{8}$/);
    expect(event.links.path).toBe(`/events/${event.slug}/`);
  });

  it('sends people to RSVP at the event’s page at its source, named by platform', () => {
    expect(shown().links.rsvp).toEqual({ url: 'https://www.meetup.com/python-spokane/events/1/', platform: 'Meetup' });
    expect(shown({ url: 'javascript:alert(1)' }).links.rsvp).toBeNull();
  });

  it('offers "add to calendar" for an upcoming event, but not for a cancelled or past one', () => {
    expect(shown().links.addToCalendar?.google).toMatch(/^https:\/\/calendar\.google\.com\//);
    expect(shown({ status: 'cancelled' }).links.addToCalendar).toBeNull();
    const past = shown({ start: '2026-10-01T01:00:00Z', end: '2026-10-01T03:00:00Z' });
    expect([past.links.addToCalendar, past.links.ics]).toEqual([null, null]);
  });

  it('keeps the .ics file of a cancelled upcoming event, so calendars learn it is off', () => {
    expect(shown({ status: 'cancelled' }).links.ics).toMatch(/\/event\.ics$/);
  });
});

describe('upcoming or past', () => {
  it('ends an all-day event at midnight in the site’s zone, not in UTC', () => {
    // 5 PM in Spokane on November 26 is already the 27th in UTC; today's all-day event still runs.
    const today = { allDay: true, start: '2026-11-26', end: '2026-11-27' };
    expect(shown(today, { now: new Date('2026-11-27T01:00:00Z') }).upcoming).toBe(true);
    expect(shown(today, { now: new Date('2026-11-27T08:30:00Z') }).upcoming).toBe(false);
  });

  it('no longer calls an event its source stopped listing upcoming, nor ended', () => {
    expect(shown({ removed: true })).toMatchObject({ upcoming: false, ended: false });
  });

  it('still calls a cancelled event upcoming until it is past, so people see it is off', () => {
    expect(shown({ status: 'cancelled' }).upcoming).toBe(true);
  });
});

describe('the groups that list an event', () => {
  it('names its group, and each other group that lists it with where', () => {
    const event = shown({ alsoListedOn: [{ groupId: 'spokane-rust', sourceType: 'luma', url: 'https://lu.ma/python-night' }] });
    expect(event.groupName).toBe('Spokane Python User Group');
    expect(event.alsoListedOn).toEqual([
      { groupId: 'spokane-rust', sourceType: 'luma', url: 'https://lu.ma/python-night', groupName: 'Spokane Rust', groupPath: '/groups/spokane-rust/', platform: 'Luma' },
    ]);
  });

  it('names a group sources.yaml no longer has by its id', () => {
    expect(shown({ groupId: 'gone-group' }).groupName).toBe('gone-group');
  });

  it('gives an event the tags of its group and of the groups that also list it', () => {
    const shared = shown({ alsoListedOn: [{ groupId: 'spokane-rust', sourceType: 'luma', url: null }] });
    expect(shared.tags.map((t) => t.slug)).toEqual(['python', 'rust']);
    expect(shared.tags[0]!.name).toBe('python');
  });
});

describe('what an event’s page shows', () => {
  it('groups its times, its place and what changed', () => {
    const event = shown({ changes: [{ at: '2026-11-25T00:00:00Z', fields: ['title'], previous: { title: 'Py Night' } }] });
    expect(event.when.timeLabel).toBe('6:00 PM – 8:00 PM PST');
    expect(event.where.placeLabel).toBe('IntelliTect');
    expect(event.changed.badges).toEqual(['Renamed']);
  });

  it('keeps what the store holds of the event', () => {
    const event = shown({ title: 'Python Night', descriptionHtml: '<p>Talks.</p>', sequence: 3 });
    expect(event).toMatchObject({ id: 'meetup-evt-1', title: 'Python Night', status: 'scheduled', attendance: 'in_person', descriptionHtml: '<p>Talks.</p>', sequence: 3 });
  });
});
