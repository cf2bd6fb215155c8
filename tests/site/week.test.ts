import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite } from '../../src/publish/render.ts';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import { buildView } from '../../src/publish/view/index.ts';
import { DAY_MS } from '../../src/time.ts';
import { GROUPS, HOSTILE_TITLE, NOW, buildSite, site, type BuiltSite } from './snapshot.ts';
import { emailDigests, page, read, siteFiles } from './files.ts';

// The weekly digest in the built fixture site (built on Thursday, November 26, 2026): this
// week's page (November 23 – 29) and the next's (November 30 – December 6), each with its
// digest as Markdown and as an e-mail, and the feed of digests.

const SITE = 'https://spokanetech.example';
const THIS_WEEK = 'week/2026-W48/';
const NEXT_WEEK = 'week/2026-W49/';

let built: BuiltSite;
/** The same site built the next morning, still in the same weeks. */
let nextDay: BuiltSite;
/** A site under a path, with nothing fetched yet. */
let empty: BuiltSite;

beforeAll(async () => {
  // One build at a time: Eleventy runs in this process, from the package's folder.
  built = await buildSite(SITE, { search: false });
  nextDay = await buildSite(SITE, { search: false, now: new Date(NOW.getTime() + DAY_MS) });
  const view = buildView({ events: [], groups: GROUPS, sources: [] }, site('https://someone.github.io/spokane-tech/'), NOW);
  const dir = join(mkdtempSync(join(tmpdir(), 'spokane-tech-site-')), 'out');
  await renderSite(view, dir, (staging) => writeFeedsAndData(staging, view, NOW), { search: false });
  empty = { dir, view };
}, 120_000);

afterAll(() => {
  for (const site of [built, nextDay, empty]) if (site) rmSync(dirname(site.dir), { recursive: true, force: true });
});

const feed = (dir: string) => cheerio.load(read(dir, 'week/feed.xml'), { xml: true });
const entries = (dir: string) => {
  const $ = feed(dir);
  return $('entry')
    .toArray()
    .map((entry) => ({ id: $(entry).find('id').text(), title: $(entry).find('title').text(), updated: $(entry).find('updated').text(), link: $(entry).find('link').attr('href'), content: $(entry).find('content').text() }));
};

describe('the weeks’ digests on the site', () => {
  it('writes this week’s and next week’s page, each with its Markdown and e-mail digest, a list of the weeks and their feed', () => {
    const files = new Set(siteFiles(built.dir));
    const expected = [THIS_WEEK, NEXT_WEEK].flatMap((week) => [`${week}index.html`, `${week}digest.md`, `${week}digest.html`]);
    expect(expected.filter((f) => !files.has(f))).toEqual([]);
    expect([...files].filter((f) => f.startsWith('week/')).sort()).toEqual([...expected, 'week/feed.xml', 'week/index.html'].sort());
  });

  it('shows a week’s events day by day as the home page does, with its counts, the other week and a way to subscribe', () => {
    const $ = page(built.dir, `${NEXT_WEEK}index.html`);
    expect($('h1').text()).toBe('Next week · November 30 – December 6, 2026');
    expect($('main').text()).toContain('6 events from 3 groups, Monday to Sunday.');
    expect($('.day-heading').toArray().map((h) => $(h).text())).toEqual([
      'Monday, November 30',
      'Tuesday, December 1',
      'Thursday, December 3',
      'Saturday, December 5',
    ]);
    // Rows as in the home page's "This week": a date block, the time, the title, the group's face.
    const row = $('.event-row').first();
    expect(row.find('.date-block').text()).toBe('Mon30Nov');
    expect(row.find('.event-title').text()).toBe('Rust Ownership Workshop');
    expect(row.find('.face').length).toBe(1);
    expect(row.find('.event-meta').text()).toContain('Spokane Rust · Online');
    expect($('.event-cancelled .event-title').text()).toBe('Packaging Deep Dive');
    expect($('.event-row .event-title').toArray().map((t) => $(t).text())).toContain(HOSTILE_TITLE);

    expect($('nav[aria-label="Weeks"] a[rel="prev"]').attr('href')).toBe(`/${THIS_WEEK}`);
    expect($('nav[aria-label="Weeks"] a[rel="next"]')).toHaveLength(0);
    expect(page(built.dir, `${THIS_WEEK}index.html`)('nav[aria-label="Weeks"] a[rel="next"]').attr('href')).toBe(`/${NEXT_WEEK}`);
    expect($('a[href="/week/feed.xml"]').first().text()).toBe('Subscribe to the weekly digest');
    expect($('a[href="/subscribe/"]').length).toBeGreaterThan(0);
    expect($(`a[href="/${NEXT_WEEK}digest.md"]`).text()).toBe('As Markdown');
    expect($(`a[href="/${NEXT_WEEK}digest.html"]`).text()).toBe('As an e-mail (HTML)');
    expect($('link[rel="alternate"][type="application/atom+xml"][href="/week/feed.xml"]')).toHaveLength(1);
    expect($('title').text()).toBe('Next week: November 30 – December 6, 2026 · Spokane Tech');
  });

  it('leads to this week’s digest from the home page’s “This week” and from the footer of every page', () => {
    const $ = page(built.dir, 'index.html');
    expect($('#this-week').parent().find(`a[href="/${THIS_WEEK}"]`).text()).toBe("This week's digest");
    expect(page(built.dir, 'groups/index.html')(`footer a[href="/${THIS_WEEK}"]`)).toHaveLength(1);
    expect(page(built.dir, 'week/index.html')('main a').toArray().map((a) => a.attribs.href)).toEqual([`/${THIS_WEEK}`, `/${NEXT_WEEK}`, '/week/feed.xml']);
  });

  it('lists the week pages in the sitemap, and not their Markdown or e-mail copies', () => {
    const locs = cheerio.load(read(built.dir, 'sitemap.xml'), { xml: true })('loc').toArray().map((el) => cheerio.load(el, { xml: true }).text());
    expect(locs.filter((loc) => loc.includes('/week/')).sort()).toEqual([`${SITE}/week/`, `${SITE}/${THIS_WEEK}`, `${SITE}/${NEXT_WEEK}`]);
    expect(page(built.dir, `${NEXT_WEEK}digest.html`)('meta[name="robots"]').attr('content')).toBe('noindex');
  });
});

describe('a week’s digest as Markdown', () => {
  it('has a heading, a heading a day, and an item an event: its time, linked title, group and place, cancellations marked', () => {
    const markdown = read(built.dir, `${NEXT_WEEK}digest.md`);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Spokane Tech\\: the week of November 30 – December 6, 2026');
    expect(lines[2]).toBe(`6 events from 3 groups, Monday to Sunday. On the site: <${SITE}/${NEXT_WEEK}>`);
    expect(lines.filter((l) => l.startsWith('## '))).toEqual(['## Monday, November 30', '## Tuesday, December 1', '## Thursday, December 3', '## Saturday, December 5']);
    expect(lines).toContain(`- 6:00 PM · [Rust Ownership Workshop](${SITE}/events/2026-11-30-rust-online/) · Spokane Rust · Online`);
    expect(lines).toContain(`- 11:30 PM · [Late Night Hack](${SITE}/events/2026-11-30-late-night-hack/) · Spokane Rust · IntelliTect`);
    expect(lines).toContain(`- 6:00 PM · **Cancelled** · [Packaging Deep Dive](${SITE}/events/2026-12-05-cancelled-talk/) · Spokane Python User Group · IntelliTect`);
    expect(lines).toContain(`- 6:00 PM · [Python Night\\: Async \\& You](${SITE}/events/2026-12-03-python-night-abc123/) · Spokane Python User Group · IntelliTect`);
    expect(markdown.endsWith(`Every week's digest as a feed: <${SITE}/week/feed.xml>\n`)).toBe(true);
  });

  it('escapes what Markdown would read in a hostile title or venue, so it makes no link, tag or emphasis', () => {
    const item = read(built.dir, `${NEXT_WEEK}digest.md`).split('\n').find((l) => l.includes('Night \\&'))!;
    expect(item).toBe(
      `- 6:00 PM · [\\</script\\>\\<script\\>alert\\(1\\)\\</script\\> Night \\& "Day"](${SITE}/events/2026-12-01-hostile/) · Spokane Python User Group · \\<b\\>Bold\\</b\\> Venue`,
    );
  });
});

describe('a week’s digest as an e-mail', () => {
  it('is one self-contained HTML document: no script, no style sheet, every style inline, at most 600 px wide, light colours', () => {
    expect(emailDigests(built.dir)).toEqual([`${THIS_WEEK}digest.html`, `${NEXT_WEEK}digest.html`]);
    const html = read(built.dir, `${NEXT_WEEK}digest.html`);
    const $ = cheerio.load(html);
    expect($('script, style, link, iframe, form, img[src^="/"]')).toHaveLength(0);
    expect($('[class], [id]')).toHaveLength(0);
    expect($('meta[name="color-scheme"]').attr('content')).toBe('light');
    expect($('title').text()).toBe('Spokane Tech: the week of November 30 – December 6, 2026');
    const digest = $('body > table table').first();
    expect(digest.attr('style')).toContain('max-width:600px');
    expect(html).toContain('<!--[if mso]><table role="presentation" width="600"');
    const widths = [...html.matchAll(/(?:^|[;"\s])(?:max-)?width:\s*(\d+)px/g)].map((m) => Number(m[1]));
    expect(Math.max(...widths)).toBeLessThanOrEqual(600);
    expect($('table').toArray().every((t) => t.attribs.role === 'presentation')).toBe(true);
    const backgrounds = [...html.matchAll(/background-color:(#[0-9a-f]{6})/g)].map((m) => m[1]!);
    expect(backgrounds.length).toBeGreaterThan(0);
    for (const colour of backgrounds) expect(lightness(colour), colour).toBeGreaterThan(0.9);
  });

  it('lists the week day by day, each event with its time, title, group and place, cancellations marked', () => {
    const $ = cheerio.load(read(built.dir, `${NEXT_WEEK}digest.html`));
    expect($('h1').text()).toBe('The week of November 30 – December 6, 2026');
    expect($('h2').toArray().map((h) => $(h).text())).toEqual(['Monday, November 30', 'Tuesday, December 1', 'Thursday, December 3', 'Saturday, December 5']);
    const rust = $(`a[href="${SITE}/events/2026-11-30-rust-online/"]`).closest('tr');
    expect(rust.children('td').first().text()).toBe('6:00 PM');
    expect(rust.text().replace(/\s+/g, ' ')).toContain('Rust Ownership Workshop Spokane Rust · Online');
    const cancelled = $(`a[href="${SITE}/events/2026-12-05-cancelled-talk/"]`);
    expect(cancelled.closest('td').text()).toMatch(/^Cancelled: Packaging Deep Dive/);
    expect(cancelled.attr('style')).toContain('text-decoration:line-through');
  });

  it('shows a hostile title and venue as the text they are', () => {
    const $ = cheerio.load(read(built.dir, `${NEXT_WEEK}digest.html`));
    const link = $(`a[href="${SITE}/events/2026-12-01-hostile/"]`);
    expect(link.text()).toBe(HOSTILE_TITLE);
    expect(link.children()).toHaveLength(0);
    expect(link.closest('td').find('span').text()).toBe('Spokane Python User Group · <b>Bold</b> Venue');
    expect($('b')).toHaveLength(0);
  });

  it('links only to absolute addresses on the site, under its path too', () => {
    const hrefs = (dir: string, file: string) => cheerio.load(read(dir, file))('[href], [src]').toArray().map((el) => el.attribs.href ?? el.attribs.src ?? '');
    const links = hrefs(built.dir, `${NEXT_WEEK}digest.html`);
    expect(links.length).toBeGreaterThan(6);
    for (const link of links) expect(link).toMatch(new RegExp(`^${SITE}/`));
    const prefixed = hrefs(empty.dir, `${NEXT_WEEK}digest.html`);
    expect(prefixed).toContain('https://someone.github.io/spokane-tech/upcoming/');
    for (const link of prefixed) expect(link).toMatch(/^https:\/\/someone\.github\.io\/spokane-tech\//);
  });
});

describe('the feed of weekly digests', () => {
  it('has an entry a week, newest first, each dated by its week’s start with the digest as its content', () => {
    const $ = feed(built.dir);
    expect($('feed > title').text()).toBe('Spokane Tech: the weekly digest');
    expect($('feed > id').text()).toBe(`${SITE}/week/`);
    expect($('feed > link[rel="self"]').attr('href')).toBe(`${SITE}/week/feed.xml`);
    expect($('feed > updated').text()).toBe('2026-11-30T08:00:00Z');
    const [next, current] = entries(built.dir);
    expect([next!.id, next!.link, next!.updated, next!.title]).toEqual([`${SITE}/${NEXT_WEEK}`, `${SITE}/${NEXT_WEEK}`, '2026-11-30T08:00:00Z', 'Spokane Tech: the week of November 30 – December 6, 2026']);
    expect([current!.id, current!.updated]).toEqual([`${SITE}/${THIS_WEEK}`, '2026-11-23T08:00:00Z']);
    const content = cheerio.load(next!.content, null, false);
    expect(content('h1').text()).toBe('The week of November 30 – December 6, 2026');
    expect(content(`a[href="${SITE}/events/2026-11-30-rust-online/"]`).text()).toBe('Rust Ownership Workshop');
    expect(content('a[href="' + SITE + '/events/2026-12-01-hostile/"]').text()).toBe(HOSTILE_TITLE);
    expect(content('html, head, body, script')).toHaveLength(0);
  });

  it('keeps each week’s id and date from one build to the next', () => {
    const key = (e: { id: string; updated: string }) => `${e.id} ${e.updated}`;
    expect(entries(nextDay.dir).map(key)).toEqual(entries(built.dir).map(key));
    expect(feed(nextDay.dir)('feed > id').text()).toBe(feed(built.dir)('feed > id').text());
  });

  it('is advertised on the week pages and the list of weeks', () => {
    for (const file of [`${THIS_WEEK}index.html`, 'week/index.html']) {
      expect(page(built.dir, file)('link[rel="alternate"][type="application/atom+xml"][href="/week/feed.xml"]'), file).toHaveLength(1);
    }
  });
});

describe('an empty week', () => {
  it('says kindly that nothing is listed yet and points to the upcoming events, on its page, in Markdown and by e-mail', () => {
    const $ = page(empty.dir, `${THIS_WEEK}index.html`);
    const main = $('main');
    expect(main.text()).not.toContain('0 events');
    expect(main.text().replace(/\s+/g, ' ')).toContain('Nothing is listed for this week yet.');
    expect(main.find('a[href="/spokane-tech/upcoming/"]').text()).toBe('every upcoming event');
    expect($('.event-row')).toHaveLength(0);
    expect(read(empty.dir, `${THIS_WEEK}digest.md`)).toContain('Nothing is listed for this week yet. Every upcoming event: <https://someone.github.io/spokane-tech/upcoming/>');
    const email = cheerio.load(read(empty.dir, `${NEXT_WEEK}digest.html`));
    expect(email('a[href="https://someone.github.io/spokane-tech/upcoming/"]').text()).toBe('See every upcoming event');
    expect(email('h2')).toHaveLength(0);
    expect(page(empty.dir, 'week/index.html')('main li').first().text()).toContain('No events listed yet');
    expect(entries(empty.dir).map((e) => e.id)).toEqual([`https://someone.github.io/spokane-tech/${NEXT_WEEK}`, `https://someone.github.io/spokane-tech/${THIS_WEEK}`]);
  });
});

/** The HSL lightness of `#rrggbb`, from 0 (black) to 1 (white). */
function lightness(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255) as [number, number, number];
  return (Math.max(r, g, b) + Math.min(r, g, b)) / 2;
}
