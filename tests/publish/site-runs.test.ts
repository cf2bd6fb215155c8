import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventPageRuns, renderSite } from '../../src/publish/render.ts';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import { buildView, type SiteView } from '../../src/publish/view/index.ts';
import { NOW, snapshot, site } from '../site/snapshot.ts';
import { read, siteFiles } from '../site/files.ts';
import { indexedPages } from '../helpers/pagefind.ts';

// A large site renders its event pages a few thousand at a time, in several runs of Eleventy.
// The site must come out the same as from one run: here with two event pages a run.

let root: string;
let view: SiteView;
const built = { oneRun: '', manyRuns: '' };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'spokane-tech-runs-'));
  view = buildView(snapshot(), site(), NOW);
  for (const [name, perRun] of [['oneRun', 100_000], ['manyRuns', 2]] as const) {
    built[name] = join(root, name);
    await renderSite(view, built[name], (dir) => writeFeedsAndData(dir, view, NOW), { eventPagesPerRun: perRun });
  }
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('event pages rendered in several runs of Eleventy', () => {
  it('splits the events into runs, the newly announced ones in the first with the feed', () => {
    const runs = eventPageRuns(view, 2);
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.flat().map((e) => e.id).sort()).toEqual(view.events.map((e) => e.id).sort());
    const first = new Set(runs[0]!.map((e) => e.id));
    expect(view.newlyAnnounced.every((e) => first.has(e.id))).toBe(true);
  });

  it('writes the same files with the same bytes as one run, the sitemap in another order', () => {
    const files = siteFiles(built.oneRun);
    expect(siteFiles(built.manyRuns)).toEqual(files);
    for (const file of files.filter((f) => f !== 'sitemap.xml')) {
      expect(read(built.manyRuns, file), file).toBe(read(built.oneRun, file));
    }
    const entries = (dir: string) => read(dir, 'sitemap.xml').split('\n').sort();
    expect(entries(built.manyRuns)).toEqual(entries(built.oneRun));
  });

  it('finds every event page in search, whichever run rendered it, at its own address', () => {
    const eventUrls = (dir: string) => indexedPages(dir).map((p) => p.url).filter((url) => url.startsWith('/events/'));
    expect(eventUrls(built.manyRuns)).toEqual(view.events.map((e) => e.links.path).sort());
    expect(indexedPages(built.manyRuns)).toEqual(indexedPages(built.oneRun));
  });

  it('leaves nothing beside the site but the site', () => {
    expect(readdirSync(root).sort()).toEqual(['manyRuns', 'oneRun']);
  });
});

describe('a build that fails in a later run of Eleventy', () => {
  it('keeps the previous site as it was and leaves no half-built folders', async () => {
    const out = join(root, 'failing');
    await renderSite(view, out, (dir) => writeFeedsAndData(dir, view, NOW), { search: false });
    const before = siteFiles(out);
    // Only the event page itself reads an event's description, so the last run is the one that fails.
    const last = view.events.at(-1)!;
    const broken = Object.defineProperty({ ...last }, 'descriptionHtml', {
      get: () => {
        throw new Error('unreadable description');
      },
    });
    const brokenView = { ...view, events: [...view.events.slice(0, -1), broken], newlyAnnounced: [] };
    await expect(renderSite(brokenView, out, () => undefined, { eventPagesPerRun: 2 })).rejects.toThrow(/events\/event.njk/);
    expect(siteFiles(out)).toEqual(before);
    expect(readdirSync(root).filter((name) => name.startsWith('failing'))).toEqual(['failing']);
    expect(existsSync(join(out, 'pagefind'))).toBe(false);
  });
});
