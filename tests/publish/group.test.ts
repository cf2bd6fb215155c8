import { describe, expect, it } from 'vitest';
import { viewContext } from '../../src/publish/view/context.ts';
import { GROUP_PAST_SHOWN, GROUP_UPCOMING_SHOWN, groupView } from '../../src/publish/view/group.ts';
import { sourceHealthView } from '../../src/publish/view/source-health.ts';
import type { SourceHealth } from '../../src/store/health.ts';
import { recogniseSlots, type Slot } from '../../src/plan/slots.ts';
import type { StoredGroup } from '../../src/types.ts';
import type { EventView } from '../../src/publish/view/event.ts';
import { NOW, ZONE, eventView, siteConfig, sourceHealth, storedGroup } from '../helpers/builders.ts';
import { everyWeek, meetingsOn, monthly } from '../helpers/histories.ts';

const python = storedGroup({ tags: ['python'] });
const upcoming = eventView();
const old = eventView({ id: 'june', start: '2026-06-11T01:00:00Z', end: '2026-06-11T03:00:00Z' });
const recent = eventView({ id: 'october', start: '2026-10-01T01:00:00Z', end: '2026-10-01T03:00:00Z' });

function shown(listed: EventView[], sources: Partial<SourceHealth>[] = [{}], group: StoredGroup = python, slots: Slot[] = []) {
  return groupView(
    group,
    listed,
    sources.map((s) => sourceHealthView(sourceHealth(s), ZONE)),
    slots,
    viewContext([group], siteConfig(), NOW),
  );
}

const failing = { state: 'failing', lastOutcome: 'failed', lastFailure: '2026-11-26T10:00:00Z', consecutiveFailures: 2 } as const;

describe('whether a group is active', () => {
  it('calls a group active, quiet for months, or failing when every source fails', () => {
    expect(shown([upcoming]).activity).toEqual({ state: 'active', title: 'Active', label: '1 upcoming event' });
    expect(shown([old]).activity).toMatchObject({ state: 'quiet', label: 'Quiet for 5 months; last event June 10, 2026' });
    expect(shown([upcoming], [{ ...failing, lastSuccess: '2026-11-20T10:00:00Z' }]).activity).toMatchObject({
      state: 'failing',
      label: expect.stringContaining('November 20, 2026'),
    });
  });

  it('still calls a group active a few weeks after its last event', () => {
    expect(shown([recent]).activity).toEqual({ state: 'active', title: 'Active', label: 'Last event September 30, 2026' });
  });

  it('says a group whose source never worked has no events yet, and a new one is not fetched yet', () => {
    expect(shown([], [{ ...failing, lastSuccess: null }]).activity.label).toBe('Source failing; no events could be read yet');
    expect(shown([], [{ state: 'unknown', lastOutcome: null, lastAttempt: null, lastSuccess: null }]).activity).toEqual({
      state: 'new',
      title: 'New',
      label: 'Not fetched yet',
    });
    expect(shown([]).activity).toEqual({ state: 'quiet', title: 'Quiet', label: 'No events known yet' });
  });

  it('is not failing while one of its sources still works', () => {
    expect(shown([upcoming], [failing, {}]).activity.state).toBe('active');
  });
});

describe('a group’s events', () => {
  it('splits its events into upcoming and past, and names the next one', () => {
    const group = shown([old, recent, upcoming]);
    expect(group.upcoming.map((e) => e.id)).toEqual([upcoming.id]);
    expect(group.past.map((e) => e.id)).toEqual(['october', 'june']);
    expect(group.nextEvent?.id).toBe(upcoming.id);
    expect(shown([old]).nextEvent).toBeNull();
  });
});

describe('what a group’s page shows of its events', () => {
  const weekly = (weeks: number, sign: 1 | -1) =>
    Array.from({ length: weeks }, (_, i) => {
      const start = new Date(Date.parse('2026-12-02T02:00:00Z') + sign * i * 7 * 86_400_000 - (sign < 0 ? 14 * 86_400_000 : 0));
      const iso = start.toISOString().replace('.000', '');
      return eventView({ id: `${sign > 0 ? 'next' : 'last'}-${i}`, start: iso, end: iso.replace('T02:', 'T04:') });
    });

  it('shows the next event, a few after it, and links to a page of all of them', () => {
    const many = shown(weekly(GROUP_UPCOMING_SHOWN + 3, 1));
    expect(many.nextEvent?.id).toBe('next-0');
    expect(many.shown.upcoming.events.map((e) => e.id)).toEqual(Array.from({ length: GROUP_UPCOMING_SHOWN }, (_, i) => `next-${i + 1}`));
    expect(many.shown.upcoming.morePath).toBe('/groups/python-spokane/upcoming/');
    expect(shown(weekly(GROUP_UPCOMING_SHOWN + 1, 1)).shown.upcoming.morePath).toBeNull();
  });

  it('shows its latest past events by year, and links to a page of all of them', () => {
    const group = shown(weekly(GROUP_PAST_SHOWN + 10, -1));
    expect(group.shown.past.events).toHaveLength(GROUP_PAST_SHOWN);
    expect(group.shown.past.morePath).toBe('/groups/python-spokane/past/');
    expect(group.shown.past.sections.map((s) => [s.heading, s.datetime])).toEqual([['2026', '2026']]);
  });

  it('says when it usually meets, from its regular slots, and how sure that is', () => {
    const secondTuesdays = recogniseSlots(meetingsOn(monthly(2, 2, '2026-05', '2026-11')), '2026-11-26');
    expect(shown([], [{}], python, secondTuesdays).usually).toBe('Usually meets on the second Tuesday of the month, 6 PM (each of the last 7 months)');
    const twice = recogniseSlots([...meetingsOn(everyWeek(4, '2026-08-01', '2026-11-26'), '07:30', 90), ...meetingsOn(monthly(3, -1, '2026-06', '2026-11'), '18:30')], '2026-11-26');
    expect(shown([], [{}], python, twice).usually).toBe(
      'Usually meets every Thursday, 7:30 AM (each of the last 4 months) and on the last Wednesday of the month, 6:30 PM (each of the last 6 months)',
    );
    expect(shown([upcoming, recent]).usually).toBeNull();
  });

  it('leads its page with a line or two of a long description, the whole of it further down', () => {
    expect(shown([], [{}], storedGroup({ descriptionHtml: '<p>We meet monthly.</p>' })).summary).toBeNull();
    const long = shown([], [{}], storedGroup({ descriptionHtml: `<p>${'We write Python together. '.repeat(20)}</p>` })).summary!;
    expect(long.length).toBeLessThanOrEqual(180);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('what a group page links to', () => {
  it('gives the group its page, its feed and its tags', () => {
    const group = shown([]);
    expect([group.path, group.pageUrl]).toEqual(['/groups/python-spokane/', 'https://spokanetech.example/groups/python-spokane/']);
    expect(group.feed.webcal).toBe('webcal://spokanetech.example/groups/python-spokane/calendar.ics');
    expect(group.tagRefs).toEqual([{ name: 'python', slug: 'python', path: '/tags/python/' }]);
  });

  it('shows its other links once each, never the homepage again, and only http(s) ones', () => {
    const group = storedGroup({
      homepage: 'https://www.meetup.com/python-spokane/',
      links: ['https://www.meetup.com/python-spokane/', 'https://github.com/python-spokane/', 'javascript:alert(1)', 'https://github.com/python-spokane/'],
    });
    expect(shown([], [{}], group).otherLinks).toEqual([{ url: 'https://github.com/python-spokane/', label: 'github.com/python-spokane' }]);
  });

  it('links no homepage or image that is not http(s)', () => {
    const group = shown([], [{}], storedGroup({ homepage: 'javascript:alert(1)', imageUrl: 'data:image/png;base64,AAAA' }));
    expect([group.homepage, group.imageUrl]).toEqual([null, null]);
  });
});

describe('how fresh a group’s data is', () => {
  it('dates its data by the latest success of any of its sources', () => {
    const group = shown([], [{ lastSuccess: '2026-11-20T10:00:00Z' }, { lastSuccess: '2026-11-26T10:00:00Z' }]);
    expect([group.dataAsOf, group.dataAsOfLabel]).toEqual(['2026-11-26T10:00:00Z', 'November 26, 2026 at 2:00 AM PST']);
  });

  it('has no date when no source ever worked', () => {
    expect(shown([], [{ lastSuccess: null }]).dataAsOf).toBeNull();
  });
});
