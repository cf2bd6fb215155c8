import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite } from '../../src/publish/render.ts';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import { buildView, type SiteView } from '../../src/publish/view/index.ts';
import { addMinutes, instantAt } from '../../src/time.ts';
import { NOW, ZONE, listedEvent, siteConfig } from '../helpers/builders.ts';
import { planSeed, planSeedSnapshot, type SeedDays } from '../helpers/plan-seed.ts';
import { HOSTILE_TITLE } from './snapshot.ts';
import { page, read } from './files.ts';

// The plan pages, event pages and group pages as built for the seeded Spokane groups
// (tests/helpers/plan-seed.ts), with one more Coffee & Code evening whose title is hostile,
// over Python's next night: a second clash there.

const TODAY = '2026-11-26';
let dir: string;
let view: SiteView;
let days: SeedDays;

beforeAll(async () => {
  days = planSeed(TODAY).days;
  const start = instantAt(days.pythonNext, '18:30', ZONE);
  const hostile = listedEvent({ id: 'ical:hostile', slug: 'hostile-evening', groupId: 'coffee-code', title: HOSTILE_TITLE, start, end: addMinutes(start, 60) });
  view = buildView(planSeedSnapshot(TODAY, [hostile]).snapshot, siteConfig(), NOW);
  dir = join(mkdtempSync(join(tmpdir(), 'spokane-tech-plan-')), 'out');
  await renderSite(view, dir, (staging) => writeFeedsAndData(staging, view, NOW), { search: false });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dirname(dir), { recursive: true, force: true });
});

const words = (text: string) => text.replace(/\s+/g, ' ').trim();
const text = ($: cheerio.CheerioAPI, selector: string) => words($(selector).text());
/** What a screen reader says of an element: its text without what is hidden from it (group monograms, the short date). */
const heard = ($: cheerio.CheerioAPI, el: Parameters<cheerio.CheerioAPI>[0]) => {
  const copy = $(el).clone();
  copy.find('[aria-hidden="true"]').remove();
  return words(copy.text());
};
const nightRow = ($: cheerio.CheerioAPI, day: string) => $(`.plan-night:has(> time[datetime="${day}"])`);
/** The files of a plan's pages, in order: every group's (`null`) or a tag's. */
const planFiles = (tag: string | null) => view.plans.filter((p) => (p.tag?.slug ?? null) === tag).map((p) => `${p.path.slice(1)}index.html`);
/** The page of a plan that shows a night. */
const planFileOf = (day: string, tag: string | null = null) =>
  `${view.plans.find((p) => (p.tag?.slug ?? null) === tag && p.weeks.some((w) => w.nights.some((n) => n.day === day)))!.path.slice(1)}index.html`;
const eventFile = (title: string, day: string) => `events/${view.events.find((e) => e.title === title && e.when.day === day)!.slug}/index.html`;

describe('the plan pages', () => {
  it('writes plan/ and a plan/<tag>/ per tag, two weeks a page, listed in the sitemap and reached from the site’s menu', () => {
    const tags = ['cloud', 'data', 'devops', 'javascript', 'python', 'rust'];
    const pages = ['plan/', 'plan/2/', 'plan/9/', ...tags.flatMap((t) => [`plan/${t}/`, `plan/${t}/9/`])];
    for (const path of pages) expect(existsSync(join(dir, path, 'index.html')), path).toBe(true);
    const sitemap = cheerio.load(read(dir, 'sitemap.xml'), { xml: true })('url > loc').toArray().map((el) => cheerio.load(el).text());
    expect(sitemap).toEqual(expect.arrayContaining(['https://spokanetech.example/plan/', ...tags.map((t) => `https://spokanetech.example/plan/${t}/`)]));
    const $ = page(dir, 'plan/index.html');
    expect($('nav[aria-label="Site"] a[aria-current="page"]').text()).toBe('Plan');
    expect(page(dir, 'index.html')('nav[aria-label="Site"] a[href="/plan/"]').text()).toBe('Plan');
    expect($('title').text()).toBe('Plan: the next 120 nights · Spokane Tech');
  });

  it('shows 120 nights under week headings: the events listed, the groups that usually meet, marked as such, and the free nights', () => {
    const pages = planFiles(null).map((file) => page(dir, file));
    expect(pages.map(($) => $('.plan-night').length)).toEqual([11, 14, 14, 14, 14, 14, 14, 14, 11]);
    const $ = pages[0]!;
    expect($('.plan-night').first().attr('aria-current')).toBe('date');
    expect($('main h2').first().text()).toBe('This week');
    expect(text($, 'main > p.prose')).toContain('A dashed outline marks a group that usually meets that night and has listed nothing yet');
    const pager = $('nav[aria-label="Weeks of the plan"] a');
    expect(pager.toArray().map((a) => [$(a).text(), $(a).attr('href'), $(a).attr('aria-current') ?? null]).slice(0, 3)).toEqual([
      ['Nov 26 – Dec 6', '/plan/', 'page'],
      ['Dec 7–20', '/plan/2/', null],
      ['Dec 21 – Jan 3', '/plan/3/', null],
    ]);
    expect(pager).toHaveLength(9);
    expect(text($, '.more-link')).toBe('Next: Dec 7–20 →');

    const onUsual = page(dir, planFileOf(days.pythonUsual));
    const usual = nightRow(onUsual, days.pythonUsual);
    expect(heard(onUsual, usual.find('.plan-usual'))).toBe('6 PM Spokane Python User Group usually meets (matched each of the last 8 months)');
    expect(usual.find('.plan-usual a').attr('href')).toBe('/groups/python-spokane/');
    const onPython = page(dir, planFileOf(days.pythonNext));
    const python = nightRow(onPython, days.pythonNext);
    expect(python.find('.plan-event').toArray().map((li) => heard(onPython, li))).toEqual([
      '6:00 – 8:00 PM Rust Hack Night Inland NW Rust',
      '6:00 – 8:00 PM Python Night Spokane Python User Group',
      `6:30 – 7:30 PM ${HOSTILE_TITLE} Coffee & Code`,
      '7:00 – 9:00 PM Pandas Workshop Spokane Data Science',
    ]);
    expect(python.find('.plan-event-title').first().attr('href')).toMatch(/^\/events\/.+\/$/);

    const free = pages.reduce((n, p) => n + p('.plan-free').length, 0);
    expect(free).toBe(view.plans.filter((p) => p.tag === null).flatMap((p) => p.weeks.flatMap((w) => w.nights)).filter((n) => n.free).length);
    expect(heard(onPython, `.plan-free:has(> time[datetime="2026-12-09"])`)).toBe('Wednesday, December 9 Free');
  });

  it('says each clash in words on its night, with what it clashes with', () => {
    const clashes = planFiles(null).flatMap((file) => {
      const $ = page(dir, file);
      return $('.plan-clash').toArray().map((p) => words($(p).text()));
    });
    expect(clashes).toEqual([
      `Clash: Python Night (Spokane Python User Group, 6:00 – 8:00 PM) and ${HOSTILE_TITLE} (Coffee & Code, 6:30 – 7:30 PM), both python.`,
      `Clash: Python Night (Spokane Python User Group, 6:00 – 8:00 PM) and Pandas Workshop (Spokane Data Science, 7:00 – 9:00 PM), both python.`,
      `Clash: ${HOSTILE_TITLE} (Coffee & Code, 6:30 – 7:30 PM) and Pandas Workshop (Spokane Data Science, 7:00 – 9:00 PM), both python.`,
      'Clash: DevOps Days Spokane (Spokane DevOps, All day, through Sat, Dec 12) and AWS Community Night (AWS Spokane, 5:30 – 7:30 PM), both cloud.',
      'Clash: Spokane Python User Group’s usual meeting (on the second Tuesday of the month, 6 PM) and Data Viz Night (Spokane Data Science, 6:30 – 8:00 PM), both python.',
    ]);
    expect(nightRow(page(dir, planFileOf(days.pythonNext)), days.pythonNext).find('.plan-clash')).toHaveLength(3);
  });

  it('keeps a hostile title as text wherever the plan names it', () => {
    for (const file of [planFileOf(days.pythonNext), planFileOf(days.pythonNext, 'python'), eventFile('Python Night', days.pythonNext)]) {
      const html = read(dir, file);
      expect(html, file).not.toContain('<script>alert(1)</script>');
      expect(html, file).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(cheerio.load(html)('script:not([src]):not([type="application/ld+json"])'), file).toHaveLength(0);
    }
  });

  it('links the pages per tag to each other, the current one marked, each showing only its tag', () => {
    const $ = page(dir, 'plan/rust/index.html');
    const filters = $('nav[aria-label="Plan by tag"] a');
    expect(filters.toArray().map((a) => [$(a).text(), $(a).attr('href')])).toEqual([
      ['All', '/plan/'],
      ['cloud', '/plan/cloud/'],
      ['data', '/plan/data/'],
      ['devops', '/plan/devops/'],
      ['javascript', '/plan/javascript/'],
      ['python', '/plan/python/'],
      ['rust', '/plan/rust/'],
    ]);
    expect($('nav[aria-label="Plan by tag"] a[aria-current="page"]').text()).toBe('rust');
    expect($('h1').text()).toBe('Plan: rust');
    const rust = planFiles('rust').map((file) => page(dir, file));
    const groupsNamed = rust.flatMap((p) => p('.plan-event .event-group > span:not(.face), .plan-usual .event-group > span:not(.face)').toArray().map((el) => p(el).text()));
    expect(new Set(groupsNamed)).toEqual(new Set(['Inland NW Rust']));
    expect(rust.reduce((n, p) => n + p('.plan-clash').length, 0)).toBe(0);
    expect(page(dir, planFileOf(days.pythonUsual, 'rust'))(`.plan-free:has(> time[datetime="${days.pythonUsual}"])`)).toHaveLength(1);
  });
});

describe('what the plan adds to event and group pages', () => {
  it('says "Also that evening" on both events of a clash, naming the other with a link', () => {
    const python = page(dir, eventFile('Python Night', days.pythonNext));
    expect(text(python, '.also-that-evening h2')).toBe('Also that evening');
    expect(python('.also-that-evening li').toArray().map((li) => words(python(li).text()))).toEqual([
      `${HOSTILE_TITLE} (Coffee & Code, 6:30 – 7:30 PM). Both python.`,
      'Pandas Workshop (Spokane Data Science, 7:00 – 9:00 PM). Both python.',
    ]);
    expect(python('.also-that-evening a').last().attr('href')).toBe(`/${planFileOf(days.pythonNext, 'python').replace('index.html', '')}#night-${days.pythonNext}`);
    const pandas = page(dir, eventFile('Pandas Workshop', days.pythonNext));
    expect(pandas('.also-that-evening li a').toArray().map((a) => pandas(a).attr('href'))).toEqual([
      `/${eventFile('Python Night', days.pythonNext).replace('index.html', '')}`,
      `/${eventFile(HOSTILE_TITLE, days.pythonNext).replace('index.html', '')}`,
    ]);
    const viz = page(dir, eventFile('Data Viz Night', days.pythonUsual));
    expect(text(viz, '.also-that-evening li')).toBe('Spokane Python User Group’s usual meeting (on the second Tuesday of the month, 6 PM); nothing listed yet. Both python.');
  });

  it('says nothing of the kind on an event without a clash', () => {
    for (const [title, day] of [
      ['Rust Hack Night', days.pythonNext],
      ['Notebook Clinic', days.adjacent],
      ['Python Study Hall', days.adjacent],
    ] as const) {
      const $ = page(dir, eventFile(title, day));
      expect($('.also-that-evening'), title).toHaveLength(0);
      expect($('main').text(), title).not.toContain('Also that evening');
    }
  });

  it('states a group’s regular slot on its page, and nothing for a group without one', () => {
    expect(text(page(dir, 'groups/python-spokane/index.html'), '.group-who')).toContain(
      'Usually meets on the second Tuesday of the month, 6 PM (each of the last 8 months)',
    );
    expect(page(dir, 'groups/spokane-data/index.html')('.group-who').text()).not.toContain('Usually meets');
  });
});
