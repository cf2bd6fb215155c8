import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { buildView } from '../../src/publish/view/index.ts';
import { renderSite } from '../../src/publish/render.ts';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import { sanitizedEvent } from '../../src/store/snapshot.ts';
import { EVENTS, GROUPS, HOSTILE_TITLE, LONG_UNICODE_TITLE, NOW, buildSite, event, site, type BuiltSite } from './snapshot.ts';
import { feedEvents, htmlPages, jsonLdOf, page, read, resolveLink, siteFiles, summaries } from './files.ts';

// The whole site rendered from a snapshot with every kind of event, checked file by file:
// pages, feeds, machine-readable data, links, and what the markup promises (no inline script,
// one h1, dates in <time>). The browser checks (axe, screenshots, clicking) live elsewhere.

let root: BuiltSite;
let prefixed: BuiltSite;

beforeAll(async () => {
  root = await buildSite('https://spokanetech.example');
  // Also a site whose sources.yaml names no repository.
  prefixed = await buildSite('https://someone.github.io/spokane-tech/', { repository: null });
}, 120_000);

afterAll(() => {
  for (const built of [root, prefixed]) if (built) rmSync(dirname(built.dir), { recursive: true, force: true });
});

const slugOf = (e: { slug: string }) => e.slug;
const eventPage = (e: { slug: string }) => `events/${slugOf(e)}/index.html`;

describe('every page people expect exists', () => {
  it('writes the home, lists, event, group, tag, calendar, plan, sources, about, subscribe, search and 404 pages', () => {
    const files = new Set(siteFiles(root.dir));
    const expected = [
      'index.html',
      'upcoming/index.html',
      'upcoming/2/index.html',
      'upcoming/online/index.html',
      'upcoming/in-person/index.html',
      'past/index.html',
      'groups/index.html',
      'tags/index.html',
      'calendar/index.html',
      'sources/index.html',
      'about/index.html',
      'subscribe/index.html',
      'search/index.html',
      '404.html',
      'plan/index.html',
      ...root.view.events.map(eventPage),
      ...root.view.groups.map((g) => `groups/${g.id}/index.html`),
      ...root.view.tags.map((t) => `tags/${t.slug}/index.html`),
      ...root.view.months.map((m) => `calendar/${m.month}/index.html`),
      ...root.view.tags.map((t) => `plan/${t.slug}/index.html`),
    ];
    expect(expected.filter((f) => !files.has(f))).toEqual([]);
  });

  it('writes the feeds and machine-readable files', () => {
    const files = new Set(siteFiles(root.dir));
    const expected = [
      'calendar.ics',
      'feed.xml',
      'events.json',
      'groups.json',
      'sitemap.xml',
      'robots.txt',
      'schema/events.schema.json',
      'schema/groups.schema.json',
      ...root.view.groups.map((g) => `groups/${g.id}/calendar.ics`),
      ...root.view.tags.map((t) => `tags/${t.slug}/calendar.ics`),
    ];
    expect(expected.filter((f) => !files.has(f))).toEqual([]);
  });

  it('keeps only event pages in events/, as the public contract lists', () => {
    const entries = new Set(siteFiles(root.dir).filter((f) => f.startsWith('events/')).map((f) => f.split('/')[1]));
    expect([...entries].sort()).toEqual(root.view.events.map(slugOf).sort());
  });
});

describe('what every page promises', () => {
  it('gives every page one h1, a title, a skip link to main, and header, nav, main and footer landmarks', () => {
    for (const file of htmlPages(root.dir)) {
      const $ = page(root.dir, file);
      expect($('h1'), file).toHaveLength(1);
      expect($('title').text().trim(), file).not.toBe('');
      expect($('a[href="#main"]').first().text(), file).toContain('Skip to content');
      expect($('main#main'), file).toHaveLength(1);
      for (const landmark of ['header', 'nav', 'footer']) expect($(landmark).length, `${file} ${landmark}`).toBeGreaterThan(0);
      expect($('html').attr('lang'), file).toBe('en');
    }
  });

  it('runs no inline script: every script is a file, except JSON-LD data, and the CSP forbids inline script', () => {
    for (const file of htmlPages(root.dir)) {
      const $ = page(root.dir, file);
      for (const script of $('script').toArray()) {
        const el = $(script);
        if (el.attr('src')) continue;
        expect(el.attr('type'), `${file}: ${el.text().slice(0, 60)}`).toBe('application/ld+json');
      }
      expect($('[onclick], [onload], [onerror]'), file).toHaveLength(0);
      // Script files never hold up the page: deferred, none of them needed to read it.
      for (const script of $('script[src]').toArray()) expect($(script).attr('defer'), `${file}: ${$(script).attr('src')}`).toBeDefined();
      const csp = $('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
      expect(csp, file).toMatch(/script-src 'self'/);
      expect(csp, file).not.toContain('unsafe-inline');
    }
  });

  it('marks each event in every list with a <time datetime> of its start', () => {
    for (const file of htmlPages(root.dir)) {
      const $ = page(root.dir, file);
      for (const item of $('.event-item').toArray()) {
        const datetime = $(item).find('time').attr('datetime') ?? '';
        expect(datetime, file).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$/);
      }
    }
  });

  it('loads a script only where the page needs one: Copy buttons, and the search page', () => {
    const scripts = (file: string) => page(root.dir, file)('script[src]').toArray().map((el) => el.attribs.src);
    for (const file of htmlPages(root.dir)) {
      const $ = page(root.dir, file);
      const expected = [
        ...(file === 'search/index.html' ? ['/assets/search.js'] : []),
        ...($('button[data-copy]').length ? ['/assets/copy.js'] : []),
      ];
      expect(scripts(file), file).toEqual(expected);
    }
    expect(scripts(eventPage(EVENTS.pythonNight))).toEqual([]);
    expect(scripts(`calendar/${root.view.months[0]!.month}/index.html`)).toEqual([]);
    expect(scripts('index.html')).toEqual(['/assets/copy.js']);
  });

  it('follows the system’s colour mode in CSS, and hides what needs JavaScript when it cannot run, with no script', () => {
    const stylesheet = read(root.dir, 'assets/site.css');
    expect(stylesheet).not.toContain('data-bs-theme=dark');
    expect(stylesheet).toMatch(/@media \(prefers-color-scheme: ?dark\)\{:root\{color-scheme:dark;--bs-body-color:/);
    const css = stylesheet.replace(/\s+/g, ' ');
    expect(css).toContain('@media (scripting: none) { [data-needs-js] { display: none !important; } }');
    expect(css).toContain('@media (scripting: enabled) { .no-js-only { display: none; } }');
    expect(page(root.dir, 'index.html')('html').attr('data-bs-theme')).toBeUndefined();
  });

  it('gives every <time> a machine-readable datetime', () => {
    const valid = /^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))$/;
    for (const file of htmlPages(root.dir)) {
      const $ = page(root.dir, file);
      for (const time of $('time').toArray()) expect($(time).attr('datetime') ?? '', file).toMatch(valid);
    }
  });

  it('gives each page a social card: the event’s image, else its group’s, else the site’s own picture', () => {
    const card = (dir: string, file: string) => {
      const $ = page(dir, file);
      return [$('meta[property="og:image"]').attr('content'), $('meta[name="twitter:card"]').attr('content')];
    };
    expect(card(root.dir, eventPage(EVENTS.pythonNight))).toEqual(['https://images.example/python-night.png', 'summary_large_image']);
    expect(card(root.dir, eventPage(EVENTS.noEndToday))).toEqual(['https://images.example/python.png', 'summary']);
    expect(card(prefixed.dir, eventPage(EVENTS.rustOnline))).toEqual(['https://someone.github.io/spokane-tech/assets/social.png', 'summary_large_image']);
    expect(card(root.dir, 'index.html')).toEqual(['https://spokanetech.example/assets/social.png', 'summary_large_image']);
    const png = readFileSync(join(root.dir, 'assets/social.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it('gives each page a canonical URL and Open Graph tags under site.url', () => {
    const $ = page(prefixed.dir, eventPage(EVENTS.pythonNight));
    const url = `https://someone.github.io/spokane-tech/events/${EVENTS.pythonNight.slug}/`;
    expect($('link[rel="canonical"]').attr('href')).toBe(url);
    expect($('meta[property="og:url"]').attr('content')).toBe(url);
    expect($('meta[property="og:title"]').attr('content')).toContain('Python Night: Async & You');
    expect($('meta[property="og:image"]').attr('content')).toBe('https://images.example/python-night.png');
    expect($('meta[property="og:description"]').attr('content')).toContain('Thursday, December 3, 2026');
    expect(page(prefixed.dir, 'index.html')('link[rel="canonical"]').attr('href')).toBe('https://someone.github.io/spokane-tech/');
  });

  it('links every internal page and asset to a file that exists, at a domain root', () => {
    expect(brokenLinks(root.dir, '/')).toEqual([]);
  });

  it('links every internal page and asset under the path prefix of a project site', () => {
    const outside: string[] = [];
    for (const file of htmlPages(prefixed.dir)) {
      for (const link of internalLinks(prefixed.dir, file)) if (!link.startsWith('/spokane-tech/')) outside.push(`${file}: ${link}`);
    }
    expect(outside).toEqual([]);
    expect(brokenLinks(prefixed.dir, '/spokane-tech/')).toEqual([]);
    expect(read(prefixed.dir, 'index.html')).toContain('href="/spokane-tech/groups/python-spokane/"');
  });
});

function internalLinks(dir: string, file: string): string[] {
  const $ = page(dir, file);
  return $('[href], [src], form[action]')
    .toArray()
    .map((el) => $(el).attr('href') ?? $(el).attr('src') ?? $(el).attr('action') ?? '')
    .filter((link) => link.startsWith('/') && !link.startsWith('//'));
}

function brokenLinks(dir: string, prefix: string): string[] {
  const broken: string[] = [];
  for (const file of htmlPages(dir)) {
    for (const link of internalLinks(dir, file)) if (resolveLink(dir, prefix, link) === null) broken.push(`${file}: ${link}`);
  }
  return broken;
}

describe('event pages', () => {
  it('embeds schema.org Event JSON-LD with Google’s required and recommended fields', () => {
    for (const event of root.view.events) {
      const [data] = jsonLdOf(root.dir, eventPage(event));
      expect(data, event.slug).toBeDefined();
      expect(data!['@context']).toBe('https://schema.org');
      expect(data!['@type']).toBe('Event');
      expect(data!.name).toBe(event.title);
      const dateShape = event.allDay ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
      expect(data!.startDate, event.slug).toMatch(dateShape);
      expect(data!.endDate, event.slug).toMatch(dateShape);
      expect(data!.eventStatus, event.slug).toMatch(/^https:\/\/schema\.org\/Event(Scheduled|Cancelled|Postponed|Rescheduled)$/);
      expect(data!.eventAttendanceMode, event.slug).toMatch(/^https:\/\/schema\.org\/(Offline|Online|Mixed)EventAttendanceMode$/);
      expect(data!.location, event.slug).toBeDefined();
      expect((data!.organizer as { name: string }).name).toBe(event.groupName);
      expect(data!.url).toBe(`https://spokanetech.example/events/${event.slug}/`);
    }
  });

  it('says in JSON-LD that an event is cancelled, online, hybrid or rescheduled', () => {
    const ld = (e: { slug: string }) => jsonLdOf(root.dir, eventPage(e))[0]!;
    expect(ld(EVENTS.cancelled).eventStatus).toBe('https://schema.org/EventCancelled');
    expect(ld(EVENTS.postponed).eventStatus).toBe('https://schema.org/EventPostponed');
    expect(ld(EVENTS.pythonNight).eventStatus).toBe('https://schema.org/EventRescheduled');
    expect(ld(EVENTS.pythonNight).previousStartDate).toBe('2026-12-02T18:00:00-08:00');
    expect(ld(EVENTS.rustOnline).location).toEqual({ '@type': 'VirtualLocation', url: 'https://meet.example/rust' });
    const hybrid = ld(EVENTS.hybrid).location as { '@type': string }[];
    expect(hybrid.map((l) => l['@type'])).toEqual(['Place', 'VirtualLocation']);
    expect(ld(EVENTS.conference)).toMatchObject({ startDate: '2026-12-18', endDate: '2026-12-20' });
    expect(ld(EVENTS.pythonNight).description).toBe('Bring a laptop. We talk about asyncio and zebrafish.');
  });

  it('keeps a hostile title from closing the JSON-LD script or running anything', () => {
    const html = read(root.dir, eventPage(EVENTS.hostile));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('onerror=');
    expect(html).not.toContain('javascript:');
    const $ = cheerio.load(html);
    expect($('script')).toHaveLength(1); // the JSON-LD, nothing the title or description injected
    expect($('h1').text()).toBe(HOSTILE_TITLE);
    const [data] = jsonLdOf(root.dir, eventPage(EVENTS.hostile));
    expect(data!.name).toBe(HOSTILE_TITLE);
    expect(data!.description).toBe('Hi x');
  });

  it('shows a long unicode title whole, in the page and in its data', () => {
    const $ = page(root.dir, eventPage(EVENTS.unicode));
    expect($('h1').text()).toBe(LONG_UNICODE_TITLE);
    expect(jsonLdOf(root.dir, eventPage(EVENTS.unicode))[0]!.name).toBe(LONG_UNICODE_TITLE);
  });

  it('shows the date and time in the site’s zone with the zone named, and the duration', () => {
    const $ = page(root.dir, eventPage(EVENTS.pythonNight));
    const when = $('dt:contains("When") + dd');
    expect(when.text().replace(/\s+/g, ' ')).toContain('Thursday, December 3, 2026, 6:00 PM – 8:00 PM PST (Pacific Standard Time)');
    expect(when.find('time').first().attr('datetime')).toBe('2026-12-03T18:00:00-08:00');
    expect(when.text()).toContain('2 hours');
  });

  it('marks a duration as estimated only where the source gave no end time', () => {
    const when = page(root.dir, eventPage(EVENTS.noEndToday))('dt:contains("When") + dd').text();
    expect(when).toContain('2 hours');
    expect(when).toContain('estimated');
    for (const event of root.view.events) {
      expect(page(root.dir, eventPage(event))('main').text().includes('estimated'), event.slug).toBe(event.endEstimated);
    }
  });

  it('shows the event’s image at the top of its page, sized so nothing moves as it loads', () => {
    const image = page(root.dir, eventPage(EVENTS.pythonNight))('img.event-hero');
    expect([image.attr('src'), image.attr('width'), image.attr('height'), image.attr('alt')]).toEqual(['https://images.example/python-night.png', '1200', '600', '']);
    expect(page(root.dir, eventPage(EVENTS.rustOnline))('img.event-hero')).toHaveLength(0);
  });

  it('links “Report a problem with this event” to the repository’s form, filled in, when sources.yaml names a repository', () => {
    const href = page(root.dir, eventPage(EVENTS.pythonNight))('a:contains("Report a problem with this event")').attr('href')!;
    const url = new URL(href);
    expect(url.origin + url.pathname).toBe('https://github.com/spokane-tech/spokane-tech/issues/new');
    expect(url.searchParams.get('template')).toBe('report-a-wrong-event.yml');
    expect(url.searchParams.get('title')).toBe('Wrong event: Python Night: Async & You');
    expect(url.searchParams.get('event')).toBe(`https://spokanetech.example/events/${EVENTS.pythonNight.slug}/`);
    expect(page(prefixed.dir, eventPage(EVENTS.pythonNight))('a:contains("Report a problem")')).toHaveLength(0);
  });

  it('shows the organizer’s own time when the event is in another zone', () => {
    const when = page(root.dir, eventPage(EVENTS.eastCoast))('dt:contains("When") + dd').text().replace(/\s+/g, ' ');
    expect(when).toContain('12:00 PM – 1:00 PM PST');
    expect(when).toContain('3:00 PM – 4:00 PM EST (America/New York)');
  });

  it('shows the venue with its address and a map link, or the join link online', () => {
    const $ = page(root.dir, eventPage(EVENTS.pythonNight));
    expect($('address').text()).toContain('1720 W 4th Ave, Spokane, WA 99201');
    expect($('a:contains("OpenStreetMap")').attr('href')).toBe(
      'https://www.openstreetmap.org/?mlat=47.65290&mlon=-117.43680#map=17/47.65290/-117.43680',
    );
    const online = page(root.dir, eventPage(EVENTS.rustOnline));
    expect(online('a:contains("join link")').attr('href')).toBe('https://meet.example/rust');
    const library = page(root.dir, eventPage(EVENTS.allDay));
    expect(library('a:contains("OpenStreetMap")').attr('href')).toBe(
      `https://www.openstreetmap.org/search?query=${encodeURIComponent('Spokane Public Library, 906 W Main Ave, Spokane, WA')}`,
    );
  });

  it('links to RSVP at the source and to where else the event is listed', () => {
    const $ = page(root.dir, eventPage(EVENTS.pythonNight));
    expect($('a:contains("RSVP at Meetup")').attr('href')).toBe(EVENTS.pythonNight.url);
    const also = $('.also-listed');
    expect(also.text().replace(/\s+/g, ' ')).toContain('Also listed on: Spokane Rust on Luma');
    expect(also.find('a[href="https://lu.ma/python-night"]')).toHaveLength(1);
  });

  it('says what changed and when', () => {
    const $ = page(root.dir, eventPage(EVENTS.pythonNight));
    const change = $('#changes + ul li').first();
    expect(change.text()).toContain('Time changed on Tuesday, November 24, 2026');
    expect(change.text()).toContain('was Wednesday, December 2, 2026, 6:00 PM – 8:00 PM PST');
    expect(change.find('time').attr('datetime')).toBe('2026-11-24T18:00:00Z');
    expect($('.badge:contains("Time changed")')).toHaveLength(1);
  });

  it('offers a per-event .ics, a Google Calendar link and Outlook links', () => {
    const $ = page(root.dir, eventPage(EVENTS.pythonNight));
    const links = $('.add-to-calendar a')
      .toArray()
      .map((a) => $(a).attr('href')!);
    expect(links[0]).toBe(`/events/${EVENTS.pythonNight.slug}/event.ics`);
    const google = new URL(links.find((l) => l.startsWith('https://calendar.google.com/'))!);
    expect(google.searchParams.get('action')).toBe('TEMPLATE');
    expect(google.searchParams.get('text')).toBe('Python Night: Async & You');
    expect(google.searchParams.get('dates')).toBe('20261204T020000Z/20261204T040000Z');
    const outlook = new URL(links.find((l) => l.startsWith('https://outlook.live.com/'))!);
    expect(outlook.searchParams.get('startdt')).toBe('2026-12-04T02:00:00Z');
    expect(outlook.searchParams.get('subject')).toBe('Python Night: Async & You');
    expect(links.some((l) => l.startsWith('https://outlook.office.com/'))).toBe(true);
  });

  it('writes a per-event .ics that parses, with the same UID as in the feeds', () => {
    const [single] = feedEvents(root.dir, `events/${EVENTS.pythonNight.slug}/event.ics`);
    expect(single!.uid).toBe('meetup:python-night@spokane-tech');
    expect(single!.start.toISOString()).toBe('2026-12-04T02:00:00.000Z');
    expect(feedEvents(root.dir, `events/${EVENTS.pythonNight.slug}/event.ics`)).toHaveLength(1);
    const inFeed = feedEvents(root.dir, 'calendar.ics').find((e) => e.uid === single!.uid);
    expect(inFeed).toBeDefined();
    const [allDay] = feedEvents(root.dir, `events/${EVENTS.conference.slug}/event.ics`);
    expect(allDay!.datetype).toBe('date');
  });

  it('offers no add-to-calendar for a cancelled event, and says it is cancelled', () => {
    const $ = page(root.dir, eventPage(EVENTS.cancelled));
    expect($('.add-to-calendar')).toHaveLength(0);
    expect($('.alert-danger').text()).toContain('cancelled');
  });

  it('keeps the page of an event its source no longer lists, out of search engines', () => {
    const $ = page(root.dir, eventPage(EVENTS.removed));
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    expect($('main').text()).toContain('no longer listed by its source');
  });

  it('sanitizes the description again on the page', () => {
    const description = page(root.dir, eventPage(EVENTS.hostile))('.event-description');
    expect(description.find('script, img')).toHaveLength(0);
    expect(description.find('a')).toHaveLength(0); // its javascript: address refused, only the text is left
    expect(description.text()).toContain('x');
  });
});

describe('lists of events', () => {
  it('shows what starts today, what is still running, this week, and the next ten events after it on the home page, with badges', () => {
    const $ = page(root.dir, 'index.html');
    const titles = (section: string) => $(`#${section}`).closest('section').find('.event-title').toArray().map((el) => $(el).text());
    expect(titles('today')).toEqual(['Coffee and Code']);
    expect(titles('ongoing')).toEqual(['Advent of Code Hack Week', 'Winter Game Jam']);
    expect(titles('this-week')).toEqual(['Rust Ownership Workshop', 'Late Night Hack', HOSTILE_TITLE]);
    const next = titles('coming-up');
    expect(next).toHaveLength(10);
    expect(next.slice(0, 2)).toEqual(['Python Night: Async & You', 'Weekend Hackathon']);
    for (const badge of ['Cancelled', 'Postponed', 'Online', 'Hybrid', 'Time changed']) {
      expect($(`.badge:contains("${badge}")`).length, badge).toBeGreaterThan(0);
    }
    expect($('#coming-up').closest('section').find('a[href="/upcoming/"]').first().text()).toMatch(/^All \d+ upcoming events, \d+ further ahead$/);
    expect($('main').text()).not.toContain('Vanished Meetup');
  });

  it('shows an event that began on an earlier day as ongoing, until its end, never as starting tonight', () => {
    const $ = page(root.dir, 'index.html');
    const hackWeek = $('.event-item:contains("Advent of Code Hack Week")');
    expect(hackWeek.find('.event-time').text()).toBe('Ongoing, until Saturday, November 28, 5:00 PM');
    expect(hackWeek.find('.date-block').text()).toBe('until28Nov');
    expect($('.event-item:contains("Winter Game Jam") .event-time').text()).toBe('Ongoing, until Friday, November 27');
    expect($('#today').closest('section').text()).not.toContain('Advent of Code Hack Week');
  });

  it('never opens a list of what is coming with a day that has passed', () => {
    for (const file of ['upcoming/index.html', 'upcoming/in-person/index.html']) {
      const $ = page(root.dir, file);
      const headings = $('main h2.day-heading').toArray().map((h) => [$(h).text(), $(h).find('time').attr('datetime') ?? null]);
      expect(headings[0], file).toEqual(['Ongoing', null]);
      for (const [, day] of headings.slice(1)) expect(day! >= '2026-11-26', `${file} ${day}`).toBe(true);
      expect(headings[1], file).toEqual(['Today · Thursday, November 26', '2026-11-26']);
    }
    const cards = page(root.dir, 'upcoming/cards/index.html');
    expect(cards('main h2.day-heading').toArray().slice(0, 3).map((h) => cards(h).text())).toEqual(['Ongoing', 'This week', 'Next week']);
    const groups = page(root.dir, 'groups/index.html');
    expect(groups('li:has(h2:contains("Spokane .NET"))').text().replace(/\s+/g, ' ')).toContain('Now: Advent of Code Hack Week, until Saturday, November 28, 5:00 PM');
  });

  it('shows local times in lists, an evening past midnight on the day it starts, the zone said once in the footer', () => {
    const $ = page(root.dir, 'index.html');
    const item = $('.event-item:contains("Late Night Hack")');
    expect(item.find('.event-time').text()).toBe('11:30 PM – 1:00 AM');
    expect(item.find('.date-block').attr('datetime')).toBe('2026-11-30');
    expect(item.closest('section').find('h3 time').attr('datetime')).toBe('2026-11-30');
    expect($('footer').text()).toContain('Times are shown in Pacific Time (America/Los Angeles)');
  });

  it('offers the upcoming lists as rows and as cards, each a link to the other, the cards with the events’ images', () => {
    const rows = page(root.dir, 'upcoming/index.html');
    expect(rows('nav[aria-label="View as"] a').toArray().map((a) => [rows(a).text(), rows(a).attr('href')])).toEqual([
      ['List', '/upcoming/'],
      ['Cards', '/upcoming/cards/'],
    ]);
    expect(rows('.event-row')).toHaveLength(50);
    const cards = page(root.dir, 'upcoming/cards/index.html');
    expect(cards('.event-card')).toHaveLength(50);
    const image = cards('.event-card:contains("Python Night: Async & You") img.event-cover');
    expect([image.attr('src'), image.attr('width'), image.attr('height'), image.attr('alt'), image.attr('loading')]).toEqual([
      'https://images.example/python-night.png',
      '640',
      '320',
      '',
      'lazy',
    ]);
    expect(page(root.dir, 'upcoming/cards/2/index.html')('.event-card').length).toBe(page(root.dir, 'upcoming/2/index.html')('.event-row').length);
    // The same events twice: search engines are sent to the rows.
    expect(cards('meta[name="robots"]').attr('content')).toBe('noindex');
    expect(rows('meta[name="robots"]')).toHaveLength(0);
  });

  it('gives every event in a list its group’s face: the group’s photo, else its monogram', () => {
    const $ = page(root.dir, 'upcoming/index.html');
    const python = $('.event-item:contains("Coffee and Code") .event-group .face');
    expect([python.prop('tagName'), python.attr('src'), python.attr('alt')]).toEqual(['IMG', 'https://images.example/python.png', '']);
    const rust = $('.event-item:contains("Late Night Hack") .event-group .face');
    expect([rust.prop('tagName'), rust.text(), rust.attr('aria-hidden')]).toEqual(['SPAN', 'Ru', 'true']);
    expect(rust.attr('class')).toMatch(/^face face-\d$/);
  });

  it('shows a busy day of the month grid in part, linking to the list for the rest', () => {
    const $ = page(root.dir, 'calendar/2026-11/index.html');
    for (const cell of $('td.calendar-day').toArray()) expect($(cell).find('.calendar-events li:not(:has(.calendar-more))').length).toBeLessThanOrEqual(4);
  });

  it('splits the upcoming events into pages of 50 with links between them', () => {
    const first = page(root.dir, 'upcoming/index.html');
    const second = page(root.dir, 'upcoming/2/index.html');
    const count = first('.event-item').length + second('.event-item').length;
    expect(first('.event-item')).toHaveLength(50);
    expect(count).toBe(root.view.upcomingCount);
    expect(first('a[rel="next"]').attr('href')).toBe('/upcoming/2/');
    expect(second('a[rel="prev"]').attr('href')).toBe('/upcoming/');
    expect(second('h1').text()).toContain('page 2 of 2');
  });

  it('filters online and in-person events on pages of their own, without JavaScript', () => {
    const online = page(root.dir, 'upcoming/online/index.html')('main').text();
    expect(online).toContain('Rust Ownership Workshop');
    expect(online).toContain('DevOps Days Planning'); // hybrid: both
    expect(online).not.toContain('Late Night Hack');
    const inPerson = siteText(root.dir, ['upcoming/in-person/index.html', 'upcoming/in-person/2/index.html']);
    expect(inPerson).toContain('Late Night Hack');
    expect(inPerson).toContain('DevOps Days Planning');
    expect(inPerson).not.toContain('Rust Ownership Workshop');
  });

  it('archives past events by month, leaving out cancelled and unlisted ones', () => {
    const $ = page(root.dir, 'past/index.html');
    const months = $('main h2 time').toArray().map((t) => $(t).attr('datetime'));
    expect(months).toEqual(['2026-10', '2026-06']);
    expect($('main').text()).toContain('October Python Night');
    expect($('main').text()).not.toContain('Called Off In November');
  });
});

function siteText(dir: string, files: string[]): string {
  return files.filter((f) => existsSync(join(dir, f))).map((f) => page(dir, f)('main').text()).join('\n');
}

describe('groups and tags', () => {
  it('shows each group’s activity on the groups page: active, quiet for months, source failing, new', () => {
    const $ = page(root.dir, 'groups/index.html');
    const entry = (name: string) => $(`li:has(h2:contains("${name}"))`).text().replace(/\s+/g, ' ');
    expect(entry('Spokane Python User Group')).toContain('Active');
    expect(entry('Spokane Python User Group')).toContain('Next: Thu, Nov 26, Coffee and Code');
    expect(entry('Old Timers Python')).toContain('Quiet for 5 months');
    expect(entry('Inland Northwest DevOps')).toContain('Source failing since November 20, 2026');
    expect(entry('Spokane .NET')).toContain('Not fetched yet');
  });

  it('leads a group’s page with who it is and its subscribe links, then its next event, a few more, and the latest past ones by year', () => {
    const $ = page(root.dir, 'groups/python-spokane/index.html');
    const order = ['h1', '.subscribe', '#upcoming', '.event-feature', '#past'].map((selector) => $('main *').index($(selector).first()));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect($('.event-feature .event-title').text()).toBe('Coffee and Code');
    const upcoming = $('#upcoming').closest('section');
    expect(upcoming.find('.event-item')).toHaveLength(9);
    expect(upcoming.find('a[href="/groups/python-spokane/upcoming/"]').text()).toMatch(/^All \d+ upcoming events/);
    const past = $('#past').closest('section');
    expect(past.find('h3 time').toArray().map((t) => $(t).attr('datetime'))).toEqual(['2026']);
  });

  it('lists all of a busy group’s upcoming events on pages of their own, leading back to the group', () => {
    const group = root.view.groups.find((g) => g.id === 'python-spokane')!;
    const first = page(root.dir, 'groups/python-spokane/upcoming/index.html');
    const second = page(root.dir, 'groups/python-spokane/upcoming/2/index.html');
    expect(first('.event-item').length + second('.event-item').length).toBe(group.upcoming.length);
    expect(first('main a[href="/groups/python-spokane/"]').first().text()).toContain('Spokane Python User Group');
    expect(existsSync(join(root.dir, 'groups/spokane-rust/upcoming/index.html'))).toBe(false);
  });

  it('gives each group a page with its about text, links, events, data date and subscribe buttons', () => {
    const $ = page(root.dir, 'groups/python-spokane/index.html');
    expect($('h1').text()).toBe('Spokane Python User Group');
    expect($('.group-description').text()).toContain('meets monthly');
    expect($('a[href="https://github.com/python-spokane"]')).toHaveLength(1);
    expect($('main').html()).not.toContain('javascript:');
    expect($('main').text()).toContain('Data as of');
    expect($('main time[datetime="2026-11-26T10:00:00Z"]')).toHaveLength(1);
    expect($('main').text()).toContain('Python Night: Async & You');
    expect($('main').text()).toContain('October Python Night');

    const subscribe = $('.subscribe');
    expect(subscribe.find('a[href="webcal://spokanetech.example/groups/python-spokane/calendar.ics"]')).toHaveLength(1);
    expect(subscribe.find('a[href="https://calendar.google.com/calendar/r?cid=webcal://spokanetech.example/groups/python-spokane/calendar.ics"]')).toHaveLength(1);
    const input = subscribe.find('input');
    expect(input.attr('readonly')).toBeDefined();
    expect(input.attr('value')).toBe('https://spokanetech.example/groups/python-spokane/calendar.ics');
    expect(subscribe.find(`label[for="${input.attr('id')}"]`)).toHaveLength(1);
  });

  it('lists a co-hosted event on both groups’ pages and in both groups’ feeds', () => {
    expect(page(root.dir, 'groups/spokane-rust/index.html')('main').text()).toContain('Python Night: Async & You');
    expect(summaries(root.dir, 'groups/spokane-rust/calendar.ics')).toContain('Python Night: Async & You');
  });

  it('gives each tag a page with its events and a feed that parses with exactly those events', () => {
    const rust = page(root.dir, 'tags/rust/index.html')('main').text();
    expect(rust).toContain('Rust Ownership Workshop');
    expect(rust).toContain('Python Night: Async & You'); // co-listed by a rust group: it inherits rust
    expect(summaries(root.dir, 'tags/rust/calendar.ics')).toEqual(
      ['East Coast Webinar', 'Late Night Hack', 'Python Night: Async & You', 'Rust Ownership Workshop'].sort(),
    );
    const devops = summaries(root.dir, 'tags/devops/calendar.ics');
    expect(devops).toEqual(['DevOps Days Planning', 'Kubernetes Clinic', 'Weekend Hackathon'].sort());
    expect(read(root.dir, 'tags/devops/calendar.ics')).toContain('X-WR-CALNAME:devops (Spokane Tech)');
  });

  it('gives tags that are not plain words a stable address', () => {
    expect(existsSync(join(root.dir, 'tags/c-sharp/index.html'))).toBe(true);
    expect(existsSync(join(root.dir, 'tags/dotnet/index.html'))).toBe(true);
    const $ = page(root.dir, 'tags/index.html');
    expect($('a[href="/tags/c-sharp/"]').text()).toBe('C#');
  });

  it('leaves unlisted events out of every feed', () => {
    for (const feed of ['calendar.ics', 'groups/python-spokane/calendar.ics', 'tags/python/calendar.ics']) {
      expect(summaries(root.dir, feed), feed).not.toContain('Vanished Meetup');
    }
  });
});

describe('the calendar', () => {
  const cellOf = ($: cheerio.CheerioAPI, day: string) => $(`td:has(time[datetime="${day}"])`);

  it('puts an event on its local day, not its UTC day', () => {
    const november = page(root.dir, 'calendar/2026-11/index.html');
    expect(cellOf(november, '2026-11-30').text()).toContain('Late Night Hack');
    const december = page(root.dir, 'calendar/2026-12/index.html');
    expect(cellOf(december, '2026-12-01').text()).not.toContain('Late Night Hack');
    expect(cellOf(december, '2026-12-03').text()).toContain('Python Night: Async & You');
  });

  it('is a table with a caption and column headers, weeks starting on Sunday', () => {
    const $ = page(root.dir, 'calendar/2026-12/index.html');
    expect($('table caption').text()).toContain('December 2026');
    const headers = $('thead th');
    expect(headers).toHaveLength(7);
    expect(headers.toArray().every((th) => $(th).attr('scope') === 'col')).toBe(true);
    expect(headers.first().find('abbr').attr('title')).toBe('Sunday');
    // December 1, 2026 is a Tuesday: the third cell of the first week.
    expect($('tbody tr').first().find('td').eq(2).find('time').attr('datetime')).toBe('2026-12-01');
  });

  it('shows a multi-day event on each of its days', () => {
    const $ = page(root.dir, 'calendar/2026-12/index.html');
    for (const day of ['2026-12-18', '2026-12-19', '2026-12-20']) {
      expect(cellOf($, day).text(), day).toContain('Inland Northwest Tech Conference');
    }
    expect(cellOf($, '2026-12-21').text()).not.toContain('Inland Northwest Tech Conference');
    expect(cellOf($, '2026-12-06').text()).toContain('Weekend Hackathon');
    expect(cellOf($, '2026-12-06').text()).toContain('continues');
  });

  it('runs from the earliest month with events to the last, with previous and next links', () => {
    expect(root.view.months.map((m) => m.month)).toEqual([
      '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02',
    ]);
    const $ = page(root.dir, 'calendar/2026-12/index.html');
    expect($('a[rel="prev"]').attr('href')).toBe('/calendar/2026-11/');
    expect($('a[rel="next"]').attr('href')).toBe('/calendar/2027-01/');
    expect(page(root.dir, 'calendar/2026-06/index.html')('a[rel="prev"]')).toHaveLength(0);
    expect(page(root.dir, 'index.html')('nav a:contains("Calendar")').attr('href')).toBe('/calendar/2026-11/');
  });

  it('marks today in the grid', () => {
    const $ = page(root.dir, 'calendar/2026-11/index.html');
    expect($('td[aria-current="date"] time').attr('datetime')).toBe('2026-11-26');
  });
});

describe('sources, about, subscribe, search and 404', () => {
  it('shows each source’s type, last success, last failure and why it failed', () => {
    const $ = page(root.dir, 'sources/index.html');
    const devops = $('section:has(#group-inland-devops)').text().replace(/\s+/g, ' ');
    expect(devops).toContain('meetup');
    expect(devops).toContain('Unhealthy: failing (3 fetches in a row)');
    expect(devops).toContain('Last success November 20, 2026 at 2:00 AM PST');
    expect(devops).toContain('Last failure November 26, 2026 at 2:00 AM PST');
    expect(devops).toContain('HTTP 503 from www.meetup.com');
    expect($('section:has(#group-dotnet-spokane)').text()).toContain('Not fetched yet');
  });

  it('links the footer and the about page to the repository, and “Add your group” to its form, when sources.yaml names one', () => {
    const $ = page(root.dir, 'about/index.html');
    expect($('footer a:contains("Source code and issues")').attr('href')).toBe('https://github.com/spokane-tech/spokane-tech');
    expect($('main a[href="https://github.com/spokane-tech/spokane-tech"]')).toHaveLength(1);
    expect($('main a:contains("Suggest a group")').attr('href')).toBe('https://github.com/spokane-tech/spokane-tech/issues/new?template=add-a-group.yml');
    expect(page(root.dir, 'index.html')('a:contains("Add your group")').first().attr('href')).toBe('https://github.com/spokane-tech/spokane-tech/issues/new?template=add-a-group.yml');
  });

  it('says how to reach the maintainers instead, and links to no repository, when sources.yaml names none', () => {
    for (const file of htmlPages(prefixed.dir)) expect(read(prefixed.dir, file), file).not.toContain('github.com/spokane-tech');
    const $ = page(prefixed.dir, 'about/index.html');
    expect($('main').text()).toContain('does not publish a repository or an issue tracker');
    expect($('main').text()).toContain('contact whoever runs it');
    expect(page(prefixed.dir, 'index.html')('a:contains("Add your group")').first().attr('href')).toBe('/spokane-tech/about/#add-a-group');
  });

  it('explains how to add a group with an example sources.yaml block, and how to report a wrong event', () => {
    const $ = page(root.dir, 'about/index.html');
    expect($('#add-a-group').length).toBe(1);
    // The example is a group the config check accepts as it stands.
    const scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-about-'));
    const file = join(scratch, 'sources.yaml');
    writeFileSync(file, `site:\n  title: T\n  url: https://t.example\n  timezone: America/Los_Angeles\n${$('pre code').text()}\n`);
    const result = loadConfig(file);
    rmSync(scratch, { recursive: true, force: true });
    expect(result.ok ? result.config.groups.map((g) => g.id) : result.problems).toEqual(['spokane-rust']);
    expect($('main').text()).toContain('pull request');
    expect($('#report').closest('section').text()).toContain('wrong');
  });

  it('lists every feed to subscribe to on the subscribe page', () => {
    const $ = page(root.dir, 'subscribe/index.html');
    expect($('a[href="webcal://spokanetech.example/calendar.ics"]')).toHaveLength(1);
    for (const group of root.view.groups) expect($(`a[href="webcal://spokanetech.example/groups/${group.id}/calendar.ics"]`)).toHaveLength(1);
    for (const tag of root.view.tags) expect($(`a[href="/tags/${tag.slug}/calendar.ics"]`)).toHaveLength(1);
  });

  it('builds a search index, and shows the search box and page only when JavaScript runs', () => {
    expect(existsSync(join(root.dir, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(root.dir, 'pagefind', 'pagefind-ui.js'))).toBe(true);
    const home = page(root.dir, 'index.html');
    expect(home('form[role="search"]').attr('data-needs-js')).toBeDefined();
    const search = page(root.dir, 'search/index.html');
    expect(search('#search').attr('data-needs-js')).toBeDefined();
    expect(search('.no-js-only a[href="/upcoming/"]')).toHaveLength(1);
    expect(search('script[src="/assets/search.js"]')).toHaveLength(1);
    expect(page(root.dir, eventPage(EVENTS.pythonNight))('[data-pagefind-body]')).toHaveLength(1);
    expect(home('[data-pagefind-body]')).toHaveLength(0);
  });

  it('has a 404 page that search engines skip and that leads back home', () => {
    const $ = page(root.dir, '404.html');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    expect($('main a[href="/"]')).toHaveLength(1);
    expect(page(prefixed.dir, '404.html')('main a[href="/spokane-tech/"]')).toHaveLength(1);
  });
});

describe('machine-readable files', () => {
  it('lists every indexable page in sitemap.xml, with absolute URLs', () => {
    const locs = cheerio
      .load(read(prefixed.dir, 'sitemap.xml'), { xml: true })('url > loc')
      .toArray()
      .map((el) => cheerio.load(el, { xml: true }).text());
    const pages = htmlPages(prefixed.dir)
      .filter((f) => !page(prefixed.dir, f)('meta[name="robots"][content="noindex"]').length)
      .map((f) => `https://someone.github.io/spokane-tech/${f.replace(/index\.html$/, '')}`);
    expect([...locs].sort()).toEqual([...pages].sort());
    expect(locs).not.toContain(`https://someone.github.io/spokane-tech/events/${EVENTS.removed.slug}/`);
  });

  it('points robots.txt at the sitemap', () => {
    expect(read(prefixed.dir, 'robots.txt')).toContain('Sitemap: https://someone.github.io/spokane-tech/sitemap.xml');
  });

  it('announces new events in an Atom feed, newest first, with absolute links', () => {
    const $ = cheerio.load(read(prefixed.dir, 'feed.xml'), { xml: true });
    expect($('feed > title').text()).toBe('Spokane Tech: newly announced events');
    expect($('feed > link[rel="self"]').attr('href')).toBe('https://someone.github.io/spokane-tech/feed.xml');
    const entries = $('entry').toArray();
    expect(entries.length).toBe(root.view.newlyAnnounced.length);
    expect($(entries[0]).find('title').text()).toBe('Python Night: Async & You – December 3, 2026');
    expect($(entries[0]).find('link').attr('href')).toBe(`https://someone.github.io/spokane-tech/events/${EVENTS.pythonNight.slug}/`);
    expect($(entries[0]).find('updated').text()).toBe('2026-11-24T18:00:00Z');
    const content = $(entries[0]).find('content').text();
    expect(content).toContain('href="https://someone.github.io/spokane-tech/groups/python-spokane/"');
    expect($('entry title').text()).not.toContain('Vanished Meetup');
  });

  it('writes events.json and groups.json in the shape their published schemas describe', () => {
    const check = (file: string, schemaFile: string) => {
      const data = JSON.parse(read(root.dir, file)) as Record<string, unknown>[];
      const schema = JSON.parse(read(root.dir, schemaFile)) as {
        items: { required: string[]; properties: Record<string, { enum?: unknown[] }> };
      };
      expect(Object.keys(schema.items.properties).sort()).toEqual([...schema.items.required].sort());
      expect(data.length).toBeGreaterThan(0);
      for (const item of data) {
        expect(Object.keys(item).sort(), file).toEqual([...schema.items.required].sort());
        for (const [key, property] of Object.entries(schema.items.properties)) {
          if (property.enum) expect(property.enum, `${file} ${key}`).toContain(item[key]);
        }
      }
      return data;
    };
    const events = check('events.json', 'schema/events.schema.json');
    expect(events.map((e) => e.title)).not.toContain('Vanished Meetup');
    expect(events.find((e) => e.id === 'meetup:python-night')).toMatchObject({
      page: `https://spokanetech.example/events/${EVENTS.pythonNight.slug}/`,
      ics: `https://spokanetech.example/events/${EVENTS.pythonNight.slug}/event.ics`,
      tags: ['python', 'rust', 'Systems'],
      group: { id: 'python-spokane', name: 'Spokane Python User Group', page: 'https://spokanetech.example/groups/python-spokane/' },
    });
    const groups = check('groups.json', 'schema/groups.schema.json');
    expect(groups.find((g) => g.id === 'inland-devops')).toMatchObject({
      activity: 'failing',
      calendar: 'https://spokanetech.example/groups/inland-devops/calendar.ics',
      webcal: 'webcal://spokanetech.example/groups/inland-devops/calendar.ics',
    });
  });

  it('writes the all-events feed with a name and refresh hint, readable by a calendar app', () => {
    const text = readFileSync(join(root.dir, 'calendar.ics'), 'utf8');
    expect(text).toContain('X-WR-CALNAME:Spokane Tech');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT12H');
    // The site's own zone, defined beside the events, so even an empty feed is a valid calendar.
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles\r\n');
    expect(feedEvents(root.dir, 'calendar.ics').length).toBeGreaterThan(60);
  });
});

describe('a quiet site', () => {
  it('shows the next events on the home page however far off they are, and says “1 group” for one', async () => {
    const far = event({ id: 'meetup:far', slug: 'spring-social', title: 'Spring Python Social', start: '2027-03-04T02:00:00Z', end: '2027-03-04T04:00:00Z' });
    const { description: _unused, ...withoutDescription } = site();
    const view = buildView({ events: [sanitizedEvent(far)], groups: [GROUPS[0]!], sources: [] }, withoutDescription, NOW);
    const dir = join(mkdtempSync(join(tmpdir(), 'spokane-tech-site-')), 'out');
    try {
      await renderSite(view, dir, (staging) => writeFeedsAndData(staging, view, NOW), { search: false });
      const $ = page(dir, 'index.html');
      expect($('h1').text()).toBe('Every upcoming event of 1 local tech group, in one place.');
      expect($('main').text()).toContain('1 upcoming event from 1 group');
      expect($('#coming-up').closest('section').find('.event-title').text()).toBe('Spring Python Social');
      expect(page(dir, 'about/index.html')('main').text()).toContain('gathers the events of 1 local tech group into one calendar');
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

describe('a site with nothing fetched yet', () => {
  it('still builds every page and feed, and says there is nothing upcoming', async () => {
    const view = buildView({ events: [], groups: GROUPS, sources: [] }, site(), NOW);
    const dir = join(mkdtempSync(join(tmpdir(), 'spokane-tech-site-')), 'out');
    try {
      await renderSite(view, dir, (staging) => writeFeedsAndData(staging, view, NOW), { search: false });
      expect(page(dir, 'index.html')('main').text()).toContain('No upcoming events are known right now');
      for (const file of ['upcoming/index.html', 'past/index.html', 'calendar/2026-11/index.html', 'groups/python-spokane/index.html', 'tags/python/index.html']) {
        expect(existsSync(join(dir, file)), file).toBe(true);
      }
      expect(feedEvents(dir, 'calendar.ics')).toEqual([]);
      expect(JSON.parse(read(dir, 'events.json'))).toEqual([]);
      expect(cheerio.load(read(dir, 'feed.xml'), { xml: true })('entry')).toHaveLength(0);
      expect(existsSync(join(dir, 'pagefind'))).toBe(false);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});
