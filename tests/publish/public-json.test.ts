import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildView } from '../../src/publish/view/index.ts';
import { publicEvent, publicGroup, writePublicJson } from '../../src/publish/public-json.ts';
import type { ListedEvent, StoredGroup } from '../../src/types.ts';
import type { SourceHealth } from '../../src/store/health.ts';
import { NOW, listedEvent, siteConfig, sourceHealth, storedGroup } from '../helpers/builders.ts';

const python = storedGroup({ tags: ['Python'], descriptionHtml: '<p>Monthly.</p>' });
const rust = storedGroup({ id: 'spokane-rust', name: 'Spokane Rust' });
const SITE = 'https://someone.github.io/spokane-tech';

function viewOf(events: ListedEvent[], sources: SourceHealth[] = [], groups: StoredGroup[] = [python, rust]) {
  return buildView({ events, groups, sources }, siteConfig({ url: SITE }), NOW);
}

describe('an event in events.json', () => {
  it('publishes the event with its page, its .ics file and its group, as absolute URLs', () => {
    const view = viewOf([listedEvent({ slug: 'python-night', alsoListedOn: [{ groupId: 'spokane-rust', sourceType: 'luma', url: 'https://lu.ma/x' }] })]);
    const published = publicEvent(view.events[0]!, view.site.url);
    expect(published).toMatchObject({
      id: 'meetup-evt-1',
      title: 'Python Night',
      start: '2026-12-04T02:00:00Z',
      allDay: false,
      status: 'scheduled',
      page: `${SITE}/events/python-night/`,
      ics: `${SITE}/events/python-night/event.ics`,
      group: { id: 'python-spokane', name: 'Spokane Python User Group', page: `${SITE}/groups/python-spokane/` },
      alsoListedOn: [{ groupId: 'spokane-rust', groupName: 'Spokane Rust', sourceType: 'luma', url: 'https://lu.ma/x' }],
      tags: ['Python'],
      descriptionHtml: '<p>Talks and pizza.</p>',
    });
  });

  it('publishes exactly the documented fields, in their order', () => {
    const view = viewOf([listedEvent()]);
    expect(Object.keys(publicEvent(view.events[0]!, view.site.url))).toEqual([
      'id', 'title', 'start', 'end', 'allDay', 'endEstimated', 'timezone', 'status', 'attendance', 'venue', 'onlineUrl', 'url',
      'page', 'ics', 'group', 'alsoListedOn', 'tags', 'changes', 'descriptionHtml', 'imageUrl', 'topics', 'sequence', 'firstSeen', 'lastChanged',
    ]);
  });

  it('links no .ics file for an event that is over', () => {
    const view = viewOf([listedEvent({ start: '2026-10-01T01:00:00Z', end: '2026-10-01T03:00:00Z' })]);
    expect(publicEvent(view.events[0]!, view.site.url).ics).toBeNull();
  });
});

describe('a group in groups.json', () => {
  it('publishes the group with its feeds, its next event and its activity', () => {
    const view = viewOf([listedEvent({ slug: 'python-night' })], [sourceHealth()]);
    expect(publicGroup(view.groups[0]!)).toMatchObject({
      id: 'python-spokane',
      page: `${SITE}/groups/python-spokane/`,
      calendar: `${SITE}/groups/python-spokane/calendar.ics`,
      webcal: 'webcal://someone.github.io/spokane-tech/groups/python-spokane/calendar.ics',
      upcomingCount: 1,
      nextEvent: { id: 'meetup-evt-1', title: 'Python Night', start: '2026-12-04T02:00:00Z', allDay: false, page: `${SITE}/events/python-night/` },
      activity: 'active',
      dataAsOf: '2026-11-26T10:00:00Z',
    });
  });

  it('says of each source whether it was never fetched, is failing, or is ok', () => {
    const sources = [
      sourceHealth({ url: 'https://a.example/' }),
      sourceHealth({ url: 'https://b.example/', state: 'failing', lastOutcome: 'failed', lastError: 'HTTP 503', consecutiveFailures: 1 }),
      sourceHealth({ url: 'https://c.example/', state: 'unknown', lastOutcome: null, lastAttempt: null, lastSuccess: null }),
    ];
    const published = publicGroup(viewOf([], sources).groups[0]!);
    expect(published.sources.map((s) => [s.url, s.status, s.lastError])).toEqual([
      ['https://a.example/', 'ok', null],
      ['https://b.example/', 'failing', 'HTTP 503'],
      ['https://c.example/', 'never', null],
    ]);
  });
});

describe('the documented shape', () => {
  const documented = (name: string) =>
    (JSON.parse(readFileSync(join(import.meta.dirname, '../../site/schema', `${name}.schema.json`), 'utf8')) as { items: { required: string[] } }).items.required;

  it('publishes every field site/schema documents for an event and a group, and no other', () => {
    const view = viewOf([listedEvent()], [sourceHealth()]);
    expect(Object.keys(publicEvent(view.events[0]!, view.site.url)).sort()).toEqual([...documented('events')].sort());
    expect(Object.keys(publicGroup(view.groups[0]!)).sort()).toEqual([...documented('groups')].sort());
  });
});

describe('the files written', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every event its source still lists, and every group, as indented JSON', () => {
    dir = mkdtempSync(join(tmpdir(), 'public-json-'));
    const view = viewOf([listedEvent({ id: 'listed' }), listedEvent({ id: 'gone', removed: true })]);
    writePublicJson(dir, view);
    const events = readFileSync(join(dir, 'events.json'), 'utf8');
    expect(events).toBe(`${JSON.stringify([publicEvent(view.events.find((e) => e.id === 'listed')!, view.site.url)], null, 2)}\n`);
    expect(readFileSync(join(dir, 'groups.json'), 'utf8')).toBe(`${JSON.stringify(view.groups.map(publicGroup), null, 2)}\n`);
  });
});
