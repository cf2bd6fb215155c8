import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import { renderSite } from '../../src/publish/render.ts';
import { tagRefs, tagSlug } from '../../src/publish/view/tag-refs.ts';
import { buildView } from '../../src/publish/view/index.ts';
import { safeSlug } from '../../src/publish/site-paths.ts';
import { openStore } from '../../src/store/db.ts';
import { applyEvents, syncConfig } from '../../src/store/events.ts';
import { eventSlug, stableEventId } from '../../src/store/ids.ts';
import type { SourceEvent } from '../../src/types.ts';
import type { Config } from '../../src/config/schema.ts';
import { config as testConfig, groupConfig } from '../helpers/builders.ts';
import { GROUPS, NOW, event, site } from '../site/snapshot.ts';

// Folder and file names made from what sources say (titles) or what a pull request can change
// (tags in sources.yaml, the committed export) stay inside the output folder, are names every
// operating system accepts, and never collide.

const ZONE = 'America/Los_Angeles';
const scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-paths-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

const HOSTILE_NAMES = [
  '../../../etc/passwd',
  '..',
  '.',
  '/',
  '/absolute/path',
  '..\\..\\windows\\system32',
  'C:\\Windows',
  'null\u0000byte',
  'CON',
  'nul',
  'COM1',
  'lpt9',
  'aux.txt',
  'PRN',
  'مرحبا بالعالم',
  'שלום עולם',
  '\u202Eevil\u202C.exe',
  '日本語の勉強会',
  '🚀🎉👩🏽‍💻',
  '',
  '   ',
  '%2e%2e%2f%2e%2e%2f',
  'a'.repeat(5_000),
  'Ünïcödé Çafé',
  '<script>alert(1)</script>',
];

function inside(root: string, name: string): boolean {
  const path = resolve(root, name);
  return path.startsWith(resolve(root) + sep);
}

describe('event slugs made from scraped titles', () => {
  const slugs = HOSTILE_NAMES.map((title) => eventSlug({ title, start: '2026-12-03T02:00:00Z', allDay: false }, stableEventId('source', title), ZONE));

  it('are lowercase letters, digits and hyphens: the date, the title’s words, a piece of the id', () => {
    for (const slug of slugs) expect(slug).toMatch(/^2026-12-02-[a-z0-9-]+-[0-9a-f]{6}$/);
  });

  it('stay inside events/ and are never a name Windows reserves', () => {
    for (const slug of slugs) {
      expect(inside('/site/events', slug), slug).toBe(true);
      expect(slug).not.toMatch(WINDOWS_RESERVED);
    }
  });

  it('stay short whatever the title’s length', () => {
    for (const slug of slugs) expect(slug.length).toBeLessThanOrEqual(80);
  });

  it('are all different, although many titles have no letters a slug can use', () => {
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('differ for two events with the same title on the same day, from one source or two', () => {
    const db = openStore(join(scratch, 'same-title.db'));
    try {
      const config: Config = testConfig({
        site: site(),
        groups: [
          groupConfig({ id: 'one', name: 'One', sources: [{ type: 'ical', url: 'https://one.example/a.ics' }] }),
          groupConfig({ id: 'two', name: 'Two', sources: [{ type: 'ical', url: 'https://two.example/b.ics' }] }),
        ],
      });
      const [first, second] = syncConfig(db, config);
      const listing = (id: string): SourceEvent => ({
        sourceEventId: id,
        title: 'Monthly Meetup',
        start: '2026-12-03T02:00:00Z',
        end: '2026-12-03T04:00:00Z',
        allDay: false,
        endEstimated: false,
        timezone: ZONE,
        status: 'scheduled',
        attendance: 'in_person',
        venue: null,
        onlineUrl: null,
        url: null,
        descriptionHtml: '',
        imageUrl: null,
        topics: [],
      });
      applyEvents(db, first!, [listing('a'), listing('b')], { now: NOW, timezone: ZONE });
      applyEvents(db, second!, [listing('a')], { now: NOW, timezone: ZONE });
      const rows = db.prepare<[], { slug: string }>('SELECT slug FROM events').all();
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r) => r.slug)).size).toBe(3);
      for (const { slug } of rows) expect(slug).toMatch(/^2026-12-02-monthly-meetup-[0-9a-f]{6}$/);
    } finally {
      db.close();
    }
  });
});

describe('tag slugs made from sources.yaml tags', () => {
  it('are lowercase letters, digits and hyphens, inside tags/, for any tag', () => {
    for (const tag of HOSTILE_NAMES.filter((t) => t.trim() !== '')) {
      const slug = tagSlug(tag);
      expect(slug, tag).toMatch(/^[a-z0-9-]+$/);
      expect(inside('/site/tags', slug), tag).toBe(true);
    }
  });

  it('give a tag named CON, NUL, COM1 or LPT9 a folder Windows can create', () => {
    for (const tag of ['CON', 'nul', 'Com1', 'LPT9', 'aux', 'prn']) {
      expect(tagSlug(tag), tag).not.toMatch(WINDOWS_RESERVED);
    }
    expect(tagSlug('CON')).toBe('con-tag');
    expect(tagSlug('console')).toBe('console');
  });

  it('make no page for a tag that is only white space', () => {
    expect(tagRefs(['   ', '', '\t'])).toEqual([]);
  });
});

describe('event slugs in a hand-edited export', () => {
  it('are made safe before they name a folder: nothing is written outside the output folder', async () => {
    const root = mkdtempSync(join(scratch, 'export-'));
    const out = join(root, 'deep', 'er', 'out');
    const tampered = [
      event({ id: 'up', slug: '../../../escaped', title: 'Up and out' }),
      event({ id: 'sideways', slug: 'events/../../sideways', title: 'Sideways' }),
      event({ id: 'absolute', slug: '/tmp/absolute', title: 'Absolute' }),
      event({ id: 'reserved', slug: 'CON', title: 'Reserved' }),
      event({ id: 'fine', slug: '2026-12-03-fine-abc123', title: 'Fine' }),
    ];
    const view = buildView({ events: tampered, groups: GROUPS, sources: [] }, site(), NOW);
    await renderSite(view, out, (dir) => writeFeedsAndData(dir, view, NOW), { search: false });

    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const outside = walk(root).filter((file) => !file.startsWith(out + sep)).map((file) => relative(root, file));
    expect(outside).toEqual([]);
    const folders = readdirSync(join(out, 'events')).sort();
    expect(folders).toHaveLength(tampered.length);
    for (const folder of folders) expect(folder).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(folders).toContain('2026-12-03-fine-abc123');
  }, 60_000);

  it('keep a slug the store made as it is, so links stay stable', () => {
    expect(safeSlug('2026-12-03-python-night-3fa9c1', 'x')).toBe('2026-12-03-python-night-3fa9c1');
    expect(safeSlug('../../x', 'a')).not.toBe(safeSlug('../../x', 'b'));
    expect(safeSlug('CON', 'a')).toMatch(/^con-[0-9a-f]{8}$/);
    expect(safeSlug('nul', 'a')).toMatch(/^nul-[0-9a-f]{8}$/);
  });
});
