import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Request } from 'playwright-core';
import { describe, it } from 'vitest';
import { buildView, type SiteView } from '../../src/publish/view/index.ts';
import { renderSite } from '../../src/publish/render.ts';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import type { StoredGroup, ListedEvent } from '../../src/types.ts';
import { storedGroup } from '../helpers/builders.ts';
import { EVENTS, NOW, REPOSITORY, snapshot, event, site } from '../site/snapshot.ts';
import { startPreviewServer, type PreviewServer } from '../../src/publish/preview.ts';

// What the browser tests share: finding Chromium (or saying why they skip), launching it the
// way this machine allows, the fixture site built and served on loopback, the page of each
// kind, and a watcher that collects everything a visitor's browser would complain about.

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** CI keeps this folder (it is git-ignored): one PNG per page type, width and site. */
export const SCREENSHOTS = join(PROJECT_ROOT, 'test-results', 'screenshots');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const missing = existsSync(CHROMIUM_PATH)
  ? null
  : `Chromium is not installed at ${CHROMIUM_PATH} (install Debian's chromium, or set CHROMIUM_PATH to a Chrome or Chromium binary)`;

/**
 * A describe block that needs Chromium. Without it the block is skipped, with the reason in its
 * name, except on CI (CI=true), where a missing browser is a failure.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (!missing) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has Chromium to run in (CI=true: the browser tests may not be skipped)', () => {
        throw new Error(missing);
      });
    });
  } else {
    console.warn(`Skipping the browser tests "${name}": ${missing}.`);
    describe.skip(`${name} [skipped: ${missing}]`, body);
  }
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const WIDTHS = [360, 1280] as const;
export type Width = (typeof WIDTHS)[number];
export const viewport = (width: Width) => ({ width, height: width === 360 ? 740 : 800 });

/** A 1×1 PNG, standing in for the fixture's images at an unresolvable host. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const FIXTURE_IMAGE_HOST = 'images.example';

/**
 * A browser context that never leaves the machine: the fixture's images (at images.example) are
 * answered from memory, any other request off loopback is refused and listed in `outside`.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  const outside: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === FIXTURE_IMAGE_HOST) return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
      outside.push(url.href);
      return route.abort('blockedbyclient');
    },
  );
  return { context, outside };
}

/** Everything on a page a visitor would not want: console errors, script errors, failed or refused requests, dialogs. */
export function watch(page: Page) {
  const problems: string[] = [];
  // The page being visited and the status it should answer with (404 for the not-found page).
  let current = { url: '', status: 200 };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    // Chromium logs the expected 404 of the not-found page as a failed resource load.
    if (current.status === 404 && where === current.url && /status of 404/.test(message.text())) return;
    problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`));
  page.on('response', (response) => {
    const expected = response.url() === current.url ? current.status : 200;
    if (response.status() >= 400 && response.status() !== expected) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  // Requests still open: a page has settled when none is, a little after its load event
  // (Playwright's "networkidle" waits half a second per page instead, which adds up here).
  const open = new Set<Request>();
  page.on('request', (request) => open.add(request));
  page.on('requestfinished', (request) => open.delete(request));
  page.on('requestfailed', (request) => open.delete(request));
  const settled = async () => {
    for (let quietFor = 0; quietFor < 100; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      quietFor = open.size === 0 ? quietFor + 20 : 0;
    }
  };
  return {
    problems,
    settled,
    /**
     * Load `url` (expecting `status`), wait for `ready` (a selector for what scripts add late, such
     * as search results) and until no request is open, and return what went wrong.
     */
    async visit(url: string, { status = 200, ready }: { status?: number; ready?: string } = {}): Promise<string[]> {
      problems.length = 0;
      current = { url, status };
      const response = await page.goto(url, { waitUntil: 'load' });
      if (ready) await page.locator(ready).first().waitFor({ state: 'attached', timeout: 15_000 });
      await settled();
      if (response?.status() !== status) problems.push(`answered ${response?.status()} instead of ${status}`);
      return [...problems];
    },
  };
}

// The fixture site ----------------------------------------------------------------------------

/** Payloads that would set window.__pwned if the site let them run anywhere. */
const PWN = (where: string) => `window.__pwned=${JSON.stringify(where)}`;
export const PWNED_TITLE = `</script><script>${PWN('title script')}</script><img src=x onerror='${PWN('title img')}'> Payload Party`;
export const PWNED_WORD = 'quokkaphage';

/**
 * A group whose name and details learned from its platform (about text, image, links) are hostile.
 * (Pagefind's UI shows filter values as HTML, so no filter carries a group's name.)
 */
export const HOSTILE_GROUP: StoredGroup = storedGroup({
  id: 'hostile-group',
  name: `Sneaky <img src=x onerror='${PWN('group name')}'> Group`,
  homepage: `javascript:${PWN('homepage')}`,
  descriptionHtml: `<p onmouseover="${PWN('group about')}">We meet.</p><script>${PWN('group about script')}</script><svg onload="${PWN('svg')}"></svg>`,
  imageUrl: `javascript:${PWN('group image')}`,
  links: [`javascript:${PWN('group link')}`, 'https://example.org/sneaky'],
  tags: ['security'],
  sources: [{ type: 'meetup', url: 'https://www.meetup.com/hostile-group/' }],
});

export const PWNED_EVENT: ListedEvent = event({
  id: 'meetup:pwned',
  slug: '2026-12-02-payload-party',
  groupId: 'hostile-group',
  sourceUrl: 'https://www.meetup.com/hostile-group/',
  title: PWNED_TITLE,
  start: '2026-12-03T03:00:00Z',
  end: '2026-12-03T05:00:00Z',
  attendance: 'hybrid',
  onlineUrl: `javascript:${PWN('online link')}`,
  url: 'https://www.meetup.com/hostile-group/events/1/',
  venue: { name: `<img src=x onerror="${PWN('venue')}">`, address: `</script><script>${PWN('address')}</script>`, lat: null, lon: null },
  descriptionHtml: [
    `<p>The ${PWNED_WORD} talk.</p>`,
    `<img src=x onerror="${PWN('description img')}">`,
    `<script>${PWN('description script')}</script>`,
    `<svg><script>${PWN('description svg')}</script></svg>`,
    `<a href="javascript:${PWN('description link')}">click me</a>`,
    `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
    `<object data="javascript:${PWN('object')}"></object>`,
    `<p style="background:url(javascript:${PWN('style')})">styled</p>`,
    `<math><mi xlink:href="javascript:${PWN('math')}">m</mi></math>`,
  ].join(''),
});

/**
 * An Old Timers Python evening over Python Night: a clash, said on the plan pages and on both
 * events' pages, under a title as hostile as the rest.
 */
export const CLASHING_EVENT: ListedEvent = event({
  id: 'meetup:old-timers-social',
  slug: '2026-12-03-old-timers-social',
  groupId: 'old-timers',
  title: `<img src=x onerror='${PWN('clash title')}'> Old Timers Social`,
  start: '2026-12-04T02:30:00Z',
  end: '2026-12-04T04:30:00Z',
});

export interface ServedSite {
  server: PreviewServer;
  view: SiteView;
  dir: string;
  close(): Promise<void>;
}

/**
 * The fixture snapshot (every kind of event; tests/site/snapshot.ts) plus a group and events whose
 * scraped fields carry payloads that would set window.__pwned, built with the loopback server's
 * own address as site.url (so canonical, webcal:// and feed links lead back to it) and served.
 * The fixture's images at images.example are answered by newContext(). `repository: null` builds
 * the site of a sources.yaml that names no repository.
 */
export async function serveFixtureSite(prefix = '/', options: { search?: boolean; repository?: string | null } = {}): Promise<ServedSite> {
  const scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-browser-'));
  const dir = join(scratch, 'out');
  const server = await startPreviewServer(dir, { prefix });
  const view = buildView(snapshot({ events: [PWNED_EVENT, CLASHING_EVENT], groups: [HOSTILE_GROUP] }), site(server.base, options.repository === undefined ? REPOSITORY : options.repository), NOW);
  await renderSite(view, dir, (staging) => writeFeedsAndData(staging, view, NOW), options);
  return {
    server,
    view,
    dir,
    async close() {
      await server.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

// The pages ---------------------------------------------------------------------------------

export interface PageType {
  /** A short name, used in messages and screenshot file names. */
  name: string;
  /** The path inside the site, without the prefix. */
  path: string;
  /** The HTTP status the page answers with. */
  status?: number;
  /** With JavaScript on, what shows that the page's scripts have finished. */
  ready?: string;
}

const eventPath = (e: { slug: string }) => `events/${e.slug}/`;

/** One page of every kind the site has, the event pages in each of their variants. */
export const PAGE_TYPES: PageType[] = [
  { name: 'home', path: '' },
  { name: 'upcoming', path: 'upcoming/' },
  { name: 'upcoming-page-2', path: 'upcoming/2/' },
  { name: 'upcoming-online', path: 'upcoming/online/' },
  { name: 'upcoming-in-person', path: 'upcoming/in-person/' },
  { name: 'upcoming-cards', path: 'upcoming/cards/' },
  { name: 'past', path: 'past/' },
  { name: 'event-changed', path: eventPath(EVENTS.pythonNight) },
  { name: 'event-no-end-time', path: eventPath(EVENTS.noEndToday) },
  { name: 'event-cancelled', path: eventPath(EVENTS.cancelled) },
  { name: 'event-postponed', path: eventPath(EVENTS.postponed) },
  { name: 'event-online', path: eventPath(EVENTS.rustOnline) },
  { name: 'event-hybrid', path: eventPath(EVENTS.hybrid) },
  { name: 'event-all-day', path: eventPath(EVENTS.allDay) },
  { name: 'event-multi-day', path: eventPath(EVENTS.conference) },
  { name: 'event-ongoing', path: eventPath(EVENTS.hackWeek) },
  { name: 'event-other-zone', path: eventPath(EVENTS.eastCoast) },
  { name: 'event-hostile', path: eventPath(EVENTS.hostile) },
  { name: 'event-long-unicode-title', path: eventPath(EVENTS.unicode) },
  { name: 'event-past', path: eventPath(EVENTS.pastOctober) },
  { name: 'event-removed', path: eventPath(EVENTS.removed) },
  { name: 'groups', path: 'groups/' },
  { name: 'group', path: 'groups/python-spokane/' },
  { name: 'group-failing-source', path: 'groups/inland-devops/' },
  { name: 'group-upcoming', path: 'groups/python-spokane/upcoming/' },
  { name: 'tags', path: 'tags/' },
  { name: 'tag', path: 'tags/python/' },
  { name: 'calendar-month', path: 'calendar/2026-12/' },
  { name: 'week', path: 'week/2026-W48/' },
  { name: 'week-next', path: 'week/2026-W49/' },
  { name: 'weeks', path: 'week/' },
  { name: 'plan', path: 'plan/' },
  { name: 'plan-tag', path: 'plan/python/' },
  { name: 'sources', path: 'sources/' },
  { name: 'about', path: 'about/' },
  { name: 'subscribe', path: 'subscribe/' },
  { name: 'search', path: 'search/', ready: '#search input' },
  { name: 'search-results', path: 'search/?q=python', ready: '#search .pagefind-ui__result-link' },
  { name: 'not-found', path: 'no-such-page/', status: 404 },
];
