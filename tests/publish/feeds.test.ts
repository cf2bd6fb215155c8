import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFeeds } from '../../src/publish/feeds.ts';
import { buildView } from '../../src/publish/view/index.ts';
import { NOW, listedEvent, siteConfig, storedGroup } from '../helpers/builders.ts';

const python = storedGroup({ tags: ['python'] });
const rust = storedGroup({ id: 'spokane-rust', name: 'Spokane Rust', tags: ['rust'] });
const events = [
  listedEvent({ id: 'py', slug: 'py' }),
  listedEvent({ id: 'shared', slug: 'shared', groupId: 'spokane-rust', alsoListedOn: [{ groupId: 'python-spokane', sourceType: 'luma', url: null }] }),
  listedEvent({ id: 'past', slug: 'past', start: '2026-11-20T02:00:00Z', end: '2026-11-20T04:00:00Z' }),
  listedEvent({ id: 'gone', slug: 'gone', removed: true }),
];

let dir = '';
const uids = (path: string) => [...readFileSync(join(dir, path), 'utf8').matchAll(/^UID:(.+)@/gm)].map((m) => m[1]).sort();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'feeds-'));
  writeFeeds(dir, buildView({ events, groups: [python, rust], sources: [] }, siteConfig(), NOW), NOW);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the calendar feeds', () => {
  it('puts every event its source still lists in the site’s feed', () => {
    expect(uids('calendar.ics')).toEqual(['past', 'py', 'shared']);
  });

  it('gives each group the events it hosts and those it co-hosts', () => {
    expect(uids('groups/python-spokane/calendar.ics')).toEqual(['past', 'py', 'shared']);
    expect(uids('groups/spokane-rust/calendar.ics')).toEqual(['shared']);
  });

  it('gives each tag the events of the groups that carry it', () => {
    expect(uids('tags/rust/calendar.ics')).toEqual(['shared']);
    expect(uids('tags/python/calendar.ics')).toEqual(['past', 'py', 'shared']);
  });

  it('writes an own .ics file for each upcoming event only', () => {
    expect(uids('events/py/event.ics')).toEqual(['py']);
    expect(existsSync(join(dir, 'events/past/event.ics'))).toBe(false);
    expect(existsSync(join(dir, 'events/gone/event.ics'))).toBe(false);
  });
});
