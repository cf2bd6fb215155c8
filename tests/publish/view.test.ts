import { describe, expect, it } from 'vitest';
import { buildView } from '../../src/publish/view/index.ts';
import type { ListedEvent, StoredGroup } from '../../src/types.ts';
import type { SourceHealth } from '../../src/store/health.ts';
import { NOW, listedEvent, siteConfig, sourceHealth, storedGroup } from '../helpers/builders.ts';

const python = storedGroup({ tags: ['python'] });
const rust = storedGroup({ id: 'spokane-rust', name: 'Spokane Rust', tags: ['Rust', 'python'] });

function viewOf(events: ListedEvent[], options: { groups?: StoredGroup[]; sources?: SourceHealth[]; url?: string } = {}) {
  return buildView({ events, groups: options.groups ?? [python], sources: options.sources ?? [] }, siteConfig(options.url ? { url: options.url } : {}), NOW);
}

const pastEvent = (overrides: Partial<ListedEvent>) => listedEvent({ start: '2026-10-01T01:00:00Z', end: '2026-10-01T03:00:00Z', ...overrides });

describe('which events the site lists', () => {
  it('lists every event soonest first, past and upcoming alike', () => {
    const events = [listedEvent({ id: 'later', start: '2026-12-10T02:00:00Z', end: '2026-12-10T04:00:00Z' }), pastEvent({ id: 'past' }), listedEvent({ id: 'sooner' })];
    expect(viewOf(events).events.map((e) => e.id)).toEqual(['past', 'sooner', 'later']);
  });

  it('lists an event no longer given by its source as neither upcoming nor past on its group page', () => {
    const view = viewOf([listedEvent({ removed: true })]);
    expect(view.upcomingCount).toBe(0);
    expect(view.groups[0]!.upcoming).toEqual([]);
    expect(view.groups[0]!.past).toEqual([]);
  });

  it('lists a cancelled upcoming event as upcoming, so people see it is off', () => {
    expect(viewOf([listedEvent({ status: 'cancelled' })]).upcomingCount).toBe(1);
  });

  it('keeps cancelled and unlisted events out of the past archive', () => {
    const view = viewOf([pastEvent({ id: 'held' }), pastEvent({ id: 'off', status: 'cancelled' }), pastEvent({ id: 'gone', removed: true })]);
    const archive = view.lists.filter((l) => l.list === 'past').flatMap((l) => l.sections.flatMap((s) => s.events.map((e) => e.id)));
    expect(archive).toEqual(['held']);
    expect(view.groups[0]!.past.map((e) => e.id)).toEqual(['held']);
  });

  it('announces in the Atom feed only upcoming events, newest first', () => {
    const view = viewOf([
      listedEvent({ id: 'older', firstSeen: '2026-11-01T00:00:00Z' }),
      listedEvent({ id: 'newer', firstSeen: '2026-11-20T00:00:00Z' }),
      pastEvent({ id: 'past', firstSeen: '2026-11-25T00:00:00Z' }),
    ]);
    expect(view.newlyAnnounced.map((e) => e.id)).toEqual(['newer', 'older']);
  });

  it('shows upcoming and past events in the month calendar', () => {
    const view = viewOf([listedEvent(), pastEvent({ id: 'past' })]);
    expect(view.months.map((m) => [m.month, m.eventCount])).toEqual([
      ['2026-09', 1],
      ['2026-10', 0],
      ['2026-11', 0],
      ['2026-12', 1],
    ]);
    expect(view.currentMonthPath).toBe('/calendar/2026-11/');
  });
});

describe('groups and tags', () => {
  it('shows an event co-hosted with another group on both groups’ pages', () => {
    const shared = listedEvent({ alsoListedOn: [{ groupId: 'spokane-rust', sourceType: 'luma', url: null }] });
    const view = viewOf([shared], { groups: [python, rust] });
    expect(view.groups.map((g) => g.upcoming.length)).toEqual([1, 1]);
  });

  it('gives each tag the events of every group that carries it, tags in alphabetical order', () => {
    const shared = listedEvent({ alsoListedOn: [{ groupId: 'spokane-rust', sourceType: 'luma', url: null }] });
    const view = viewOf([shared], { groups: [python, rust] });
    expect(view.events[0]!.tags.map((t) => t.slug)).toEqual(['python', 'rust']);
    expect(view.tags.map((t) => [t.slug, t.upcoming.length])).toEqual([
      ['python', 1],
      ['rust', 1],
    ]);
  });

  it('gives each group the health of its own sources only', () => {
    const sources = [sourceHealth(), sourceHealth({ groupId: 'spokane-rust', state: 'failing', lastOutcome: 'failed', consecutiveFailures: 2 })];
    const view = viewOf([], { groups: [python, rust], sources });
    expect(view.groups.map((g) => g.sourceHealth.map((s) => s.statusLabel))).toEqual([['OK'], ['Failing (2 fetches in a row)']]);
    expect(view.sources).toHaveLength(2);
  });
});

describe('what every page shows of the site', () => {
  it('names the site’s time zone and when it was built', () => {
    const view = viewOf([]);
    expect(view.site.zoneLabel).toBe('Pacific Time (America/Los Angeles)');
    expect([view.today, view.builtAtLabel]).toEqual(['2026-11-26', 'November 26, 2026 at 12:00 PM PST']);
  });

  it('serves the site under its path prefix, with its feed there too', () => {
    const view = viewOf([], { url: 'https://someone.github.io/spokane-tech/' });
    expect([view.site.url, view.site.pathPrefix, view.site.origin]).toEqual([
      'https://someone.github.io/spokane-tech',
      '/spokane-tech/',
      'https://someone.github.io',
    ]);
    expect(view.feed.https).toBe('https://someone.github.io/spokane-tech/calendar.ics');
    expect(view.absoluteUrl('/groups/')).toBe('https://someone.github.io/spokane-tech/groups/');
  });

  it('titles each page with the site’s name after its own', () => {
    expect(viewOf([]).documentTitle('Groups')).toBe('Groups · Spokane Tech');
    expect(viewOf([]).documentTitle(null)).toBe('Spokane Tech');
  });
});
