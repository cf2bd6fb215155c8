import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import ICAL from 'ical.js';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startServer } from '../helpers/server.ts';
import { emailDigests, htmlPages, read, siteFiles } from '../site/files.ts';
import {
  EVENTS_PER_PLATFORM,
  HOSTILE_TAGS,
  PLATFORMS,
  eventbriteApi,
  groupName,
  hostileConfig,
  platformRoutes,
} from '../fixtures/hostile/platforms.ts';
import { findDangerousMarkup, isHttp, rawScriptTags } from './html-checks.ts';
import { XSS_PAYLOADS } from './payloads.ts';

// The XSS corpus through every adapter (Meetup's feed, group page and event pages; Eventbrite's
// organizer page and its API; Luma's calendar page, feed and JSON; a plain iCal feed; JSON-LD on
// a page), each platform answering in its real shape from a loopback server, then through the
// real CLI's fetch and build into every page type. The pages are then read the way a browser
// parses them: no payload may come out as markup.

const SITE = 'https://spokanetech.example';
const TOKEN = 'hostile-site-token-5d1c';
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let out: string;
let fetchResults: { groupId: string; outcome: string; found: number; message: string | null }[] = [];
let pages: string[];
/** The weeks' digests as e-mails: documents for mail clients beside the pages, as hostile-proof as they. */
let emails: string[];

interface PublicEvent {
  id: string;
  title: string;
  start: string;
  page: string;
  group: { id: string; name: string };
}
let publicEvents: PublicEvent[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-hostile-'));
  out = join(dir, 'site');
  server = await startServer();
  const clock = { now: new Date(), url: server.url };
  for (const [path, route] of Object.entries({ ...platformRoutes(clock), ...eventbriteApi(clock, TOKEN) })) server.route(path, route);
  const config = join(dir, 'sources.yaml');
  writeFileSync(config, hostileConfig(server.url));
  const common = ['--config', config, '--db', join(dir, 'store.db'), '--data', join(dir, 'data')];
  const env = { LUMA_API_URL: server.url(''), EVENTBRITE_API_URL: server.url('/eb/v3') };

  // Without a token: Eventbrite's organizer page. With one: its API, for the other organizer.
  const withoutToken = PLATFORMS.filter((p) => p.groupId !== 'eb-api').flatMap((p) => ['--only', p.groupId]);
  const first = await runCli(['fetch', ...common, '--json', ...withoutToken], { env: { ...env, EVENTBRITE_TOKEN: '' } });
  const second = await runCli(['fetch', ...common, '--json', '--only', 'eb-api'], { env: { ...env, EVENTBRITE_TOKEN: TOKEN } });
  for (const run of [first, second]) {
    if (run.code !== 0) throw new Error(`fetch exited ${run.code}: ${run.stderr}`);
    fetchResults.push(...(JSON.parse(run.stdout) as { results: typeof fetchResults }).results);
  }
  const build = await runCli(['build', ...common, '--out', out]);
  if (build.code !== 0) throw new Error(`build exited ${build.code}: ${build.stderr}`);
  pages = htmlPages(out);
  emails = emailDigests(out);
  publicEvents = JSON.parse(read(out, 'events.json')) as PublicEvent[];
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pathOf = (url: string) => new URL(url).pathname.replace(/^\//, '');
const eventPageFile = (event: PublicEvent) => `${pathOf(event.page)}index.html`;

/** What the site itself ships: its own scripts, JSON-LD, the search form and the feed-URL boxes. */
function siteOwn(element: { name: string; attribs: Record<string, string> }): boolean {
  const { name, attribs } = element;
  if (name === 'script') return /^\/assets\/[a-z-]+\.js$/.test(attribs.src ?? '') || attribs.type === 'application/ld+json';
  if (name === 'form') return attribs.class === 'site-search' && attribs.action === '/search/';
  if (name === 'input') return attribs.id === 'site-search-q' || attribs.id === 'site-menu-q' || (attribs.readonly !== undefined && /^feed-url-/.test(attribs.id ?? '') && isHttp(attribs.value ?? ''));
  if (name === 'button') return attribs.type === 'submit' || (attribs.type === 'button' && attribs['data-copy'] !== undefined);
  return false;
}

/** Links the site makes to itself: root-relative paths, fragments, and webcal:// for its own feeds. */
function siteUrl(url: string): boolean {
  if (/^\/(?!\/)/.test(url) || /^#[\w-]*$/.test(url)) return true;
  return url.startsWith(`webcal://${new URL(SITE).host}/`);
}

describe('hostile titles, venues, group names and descriptions from every platform', () => {
  it('were read by every adapter: each source answered and listed its events', () => {
    const outcomes = fetchResults.map((r) => [r.groupId, r.outcome, r.message]).sort();
    expect(outcomes).toEqual(PLATFORMS.map((p) => [p.groupId, 'ok', null]).sort());
    for (const platform of PLATFORMS) {
      const listed = publicEvents.filter((e) => e.group.id === platform.groupId);
      expect(listed.length, platform.groupId).toBeGreaterThanOrEqual(EVENTS_PER_PLATFORM - 2);
    }
  });

  it(`uses a corpus of ${XSS_PAYLOADS.length} payloads, at least 40`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it('writes every page type: home, lists, event, group, tag, month, sources, subscribe, search and 404', () => {
    const files = new Set(pages);
    for (const path of ['index.html', 'upcoming/index.html', 'past/index.html', 'groups/index.html', 'tags/index.html', 'sources/index.html', 'subscribe/index.html', 'about/index.html', 'search/index.html', '404.html']) {
      expect(files.has(path), path).toBe(true);
    }
    expect(pages.filter((p) => p.startsWith('events/')).length).toBe(publicEvents.length);
    expect(pages.filter((p) => /^groups\/[^/]+\/index\.html$/.test(p))).toHaveLength(PLATFORMS.length);
    expect(pages.filter((p) => /^tags\/[^/]+\/index\.html$/.test(p)).length).toBeGreaterThanOrEqual(HOSTILE_TAGS.length);
    expect(pages.some((p) => /^calendar\/\d{4}-\d{2}\/index\.html$/.test(p))).toBe(true);
  });

  it('lets no payload become markup on any page or e-mail digest: no foreign elements, no on* attributes, no javascript: or data: URLs', () => {
    expect(emails).toHaveLength(2);
    const problems = [...pages, ...emails].flatMap((path) =>
      findDangerousMarkup(read(out, path), { allowElement: siteOwn, allowUrl: siteUrl }).map((f) => `${path}: ${f.what} near ${f.near}`),
    );
    expect(problems).toEqual([]);
  });

  it('writes no <script other than the site’s own scripts and its JSON-LD, even as raw text', () => {
    const problems = [...pages, ...emails].flatMap((path) => {
      const html = read(out, path);
      const own = cheerio.load(html)('script').toArray().filter((el) => siteOwn(el as never)).length;
      const raw = rawScriptTags(html);
      return raw === own ? [] : [`${path}: ${raw} "<script" in the text, ${own} of them the site's own`];
    });
    expect(problems).toEqual([]);
  });

  it('links only http(s) URLs besides its own pages and feeds, in every href and src', () => {
    const problems = pages.flatMap((path) => {
      const $ = cheerio.load(read(out, path));
      return $('[href], [src]')
        .toArray()
        .flatMap((el) => ['href', 'src'].map((a) => (el as unknown as { attribs: Record<string, string> }).attribs[a]))
        .filter((url): url is string => url !== undefined && !isHttp(url) && !siteUrl(url))
        .map((url) => `${path}: ${url}`);
    });
    expect(problems).toEqual([]);
  });

  it('keeps every JSON-LD block one JSON object that names the event exactly as its source did', () => {
    for (const event of publicEvents) {
      const html = read(out, eventPageFile(event));
      const $ = cheerio.load(html);
      const blocks = $('script[type="application/ld+json"]').toArray();
      expect(blocks, event.page).toHaveLength(1);
      const text = $(blocks[0]).text();
      expect(text).not.toMatch(/[<>\u2028\u2029]/);
      const data = JSON.parse(text) as { '@type': string; name: string };
      expect(data['@type']).toBe('Event');
      expect(data.name).toBe(event.title);
    }
  });

  it('shows hostile titles as the text they are, template syntax included, on the event page', () => {
    for (const platform of PLATFORMS) {
      const event = publicEvents.find((e) => e.group.id === platform.groupId && e.title.includes('<'))!;
      expect(event, platform.groupId).toBeDefined();
      const $ = cheerio.load(read(out, eventPageFile(event)));
      expect($('h1').first().text()).toBe(event.title);
    }
    const templated = publicEvents.find((e) => e.title.includes('{{ 7 * 7 }}'))!;
    expect(cheerio.load(read(out, eventPageFile(templated)))('h1').text()).toContain('{{ 7 * 7 }}');
  });

  it('shows hostile group names and the site title as text on every group page', () => {
    for (const [index, platform] of PLATFORMS.entries()) {
      const $ = cheerio.load(read(out, `groups/${platform.groupId}/index.html`));
      expect($('h1').first().text().trim()).toBe(groupName(index));
      expect($('.site-brand').text()).toBe(`Spokane Tech ${XSS_PAYLOADS[0]!.text}`);
    }
  });

  it('gives every hostile tag a page inside tags/, named with letters, digits and hyphens only', () => {
    const tagFolders = siteFiles(out).filter((f) => /^tags\/[^/]+\/index\.html$/.test(f)).map((f) => f.split('/')[1]!);
    for (const folder of tagFolders) expect(folder).toMatch(/^[a-z0-9-]+$/);
    expect(siteFiles(out).some((f) => f.includes('..') || f.startsWith('outside'))).toBe(false);
  });

  it('has the Content-Security-Policy <meta> on every page, before any script', () => {
    const problems = pages.flatMap((path) => {
      const html = read(out, path);
      const $ = cheerio.load(html);
      const csp = $('meta[http-equiv="Content-Security-Policy"]');
      if (csp.length !== 1) return [`${path}: ${csp.length} CSP meta tags`];
      if (csp.attr('content') !== CSP) return [`${path}: CSP is ${csp.attr('content')}`];
      const cspAt = html.indexOf('Content-Security-Policy');
      const firstScript = html.search(/<script\b/i);
      return firstScript !== -1 && firstScript < cspAt ? [`${path}: a script comes before the CSP`] : [];
    });
    expect(problems).toEqual([]);
    expect(CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });

  it('lets the e-mail digests run nothing even when read on the site: their policy allows no script', () => {
    for (const path of emails) {
      const csp = cheerio.load(read(out, path))('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
      expect(csp, path).toMatch(/^default-src 'none';/);
      expect(csp, path).not.toMatch(/script-src|'unsafe-eval'/);
    }
  });

  it('keeps every title, group name and venue plain text in the weeks’ Markdown digests, as a Markdown renderer reads them', () => {
    const titles = new Map(publicEvents.map((event) => [event.page, event.title.replace(/\s+/g, ' ').trim()]));
    const digests = siteFiles(out).filter((f) => /^week\/[^/]+\/digest\.md$/.test(f));
    expect(digests).toHaveLength(2);
    let listed = 0;
    for (const path of digests) {
      const html = marked.parse(read(out, path), { gfm: true, async: false });
      expect(findDangerousMarkup(html), path).toEqual([]);
      const $ = cheerio.load(html);
      // Every link is one the digest makes itself: to the site, never one a title or venue made.
      for (const link of $('a').toArray()) expect($(link).attr('href'), path).toMatch(new RegExp(`^${SITE}/`));
      for (const item of $('li').toArray()) {
        const links = $(item).find('a');
        expect(links, `${path}: ${$(item).text()}`).toHaveLength(1);
        expect(links.text(), path).toBe(titles.get(links.attr('href')!));
        listed += 1;
      }
    }
    expect(listed).toBeGreaterThan(0);
  });

  it('has no inline script but JSON-LD: every other script element loads a file of the site', () => {
    for (const path of pages) {
      const $ = cheerio.load(read(out, path));
      for (const el of $('script').toArray()) {
        const script = $(el);
        if (script.attr('type') === 'application/ld+json') continue;
        expect(script.attr('src'), path).toMatch(/^\/assets\/[a-z-]+\.js$/);
        expect(script.text().trim(), path).toBe('');
      }
    }
  });

  it('keeps the machine-readable outputs well formed: events.json, groups.json, the Atom feeds and the calendars', () => {
    expect(() => JSON.parse(read(out, 'groups.json'))).not.toThrow();
    for (const file of ['feed.xml', 'week/feed.xml']) {
      const atom = cheerio.load(read(out, file), { xml: true });
      expect(atom('entry').length, file).toBeGreaterThan(0);
      for (const entry of atom('entry').toArray()) {
        // Feed readers render the entry's HTML: it must be as harmless as the pages.
        const content = atom(entry).find('content, summary').text();
        expect(findDangerousMarkup(content), file).toEqual([]);
        expect(rawScriptTags(content), file).toBe(0);
      }
    }
    const feed = new ICAL.Component(ICAL.parse(read(out, 'calendar.ics'))).getAllSubcomponents('vevent');
    expect(feed.length).toBeGreaterThan(0);
  });
});

describe('descriptions from every platform', () => {
  const descriptionOf = (event: PublicEvent) => cheerio.load(read(out, eventPageFile(event)))('.event-description').html() ?? '';
  /** The group's first upcoming event (its description carries every payload, like all of them). */
  const upcomingOf = (groupId: string) =>
    publicEvents.filter((e) => e.group.id === groupId && Date.parse(e.start) > Date.now()).sort((a, b) => (a.start < b.start ? -1 : 1))[0]!;

  it('keep harmless formatting from HTML sources: paragraphs, lists, emphasis and http(s) links', () => {
    for (const groupId of ['eb-page', 'eb-api', 'jsonld-x']) {
      const html = descriptionOf(upcomingOf(groupId));
      expect(html, groupId).toContain('<strong>talks</strong>');
      expect(html, groupId).toContain('<em>pizza</em>');
      expect(html, groupId).toMatch(/<ul>\s*<li>Lightning talks<\/li>/);
      expect(html, groupId).toMatch(/<ol>\s*<li>First<\/li>/);
      expect(html, groupId).toContain('<a href="https://rsvp.example/night" rel="nofollow ugc">rsvp.example</a>');
    }
  });

  it('render Meetup’s Markdown, then sanitize it', () => {
    const html = descriptionOf(upcomingOf('meetup-x'));
    expect(html).toContain('<strong>talks</strong>');
    expect(html).toContain('<em>pizza</em>');
    expect(html).toMatch(/<ul>\s*<li>Lightning talks<\/li>/);
    expect(html).toMatch(/<ol>\s*<li>First<\/li>/);
    expect(html).toContain('<a href="https://rsvp.example/night" rel="nofollow ugc">rsvp.example</a>');
  });

  it('turn text descriptions (iCalendar, Luma) into paragraphs with their links clickable, their markup sanitized', () => {
    for (const groupId of ['ical-x', 'luma-x']) {
      const html = descriptionOf(upcomingOf(groupId));
      expect(html, groupId).toContain('<p>Join us for talks and pizza.</p>');
      expect(html, groupId).toContain('<a href="https://rsvp.example/night" rel="nofollow ugc">https://rsvp.example/night</a>');
      // A text field holding markup is read as the HTML it is (Google Calendar writes HTML there),
      // so the payloads are sanitized away rather than shown.
      expect(html, groupId).not.toMatch(/window\.__pwned=1(?!\d)/);
    }
  });

  it('were sanitized before they reached the export, not only on the page', () => {
    const exported = JSON.parse(readFileSync(join(dir, 'data', 'events.json'), 'utf8')) as { descriptionHtml: string }[];
    const problems = exported.flatMap((e) => findDangerousMarkup(e.descriptionHtml).map((f) => f.what));
    expect(problems).toEqual([]);
    expect(exported.every((e) => rawScriptTags(e.descriptionHtml) === 0)).toBe(true);
  });
});
