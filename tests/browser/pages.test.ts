import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS } from '../site/snapshot.ts';
import {
  PAGE_TYPES,
  PWNED_EVENT,
  PWNED_WORD,
  SCREENSHOTS,
  WIDTHS,
  describeInBrowser,
  launchChromium,
  newContext,
  serveFixtureSite,
  viewport,
  watch,
  type ServedSite,
  type Width,
} from './browser.ts';

// The built site as a visitor's browser sees it: headless Chromium (playwright-core) against the
// fixture site served on loopback, at a domain root and under a GitHub Pages project prefix.

let browser: Browser;
let root: ServedSite;
let prefixed: ServedSite;

describeInBrowser('the site in a real browser', () => {
  beforeAll(async () => {
    const launched = launchChromium();
    // One build at a time: Eleventy runs in this process, from the package's folder.
    root = await serveFixtureSite('/');
    prefixed = await serveFixtureSite('/spokane-tech/');
    browser = await launched;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await root?.close();
    await prefixed?.close();
  });

  // At the root every page is loaded at both widths (and photographed); under the prefix, where
  // only the addresses differ, once.
  const sites: [string, () => ServedSite, readonly Width[], boolean][] = [
    ['at a domain root', () => root, WIDTHS, true],
    ['under a project-site path prefix', () => prefixed, [1280], false],
  ];

  describe.each(sites)('%s', (_where, served, widths, screenshots) => {
    describe(`every page type, visited at ${widths.join(' and ')} px wide`, () => {
      /** What went wrong on each page, and how much wider than the screen each one is. */
      const problems: string[] = [];
      const overflow: string[] = [];

      beforeAll(async () => {
        const site = served();
        // One browser context per width, side by side.
        const tour = async (width: Width) => {
          const { context, outside } = await newContext(browser, { viewport: viewport(width) });
          const page = await context.newPage();
          const watcher = watch(page);
          for (const type of PAGE_TYPES) {
            for (const problem of await watcher.visit(site.server.url(type.path), type)) problems.push(`${width}px ${type.name}: ${problem}`);
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            if (scrollWidth > width) overflow.push(`${type.name} is ${scrollWidth} px wide at ${width} px`);
            // The pictures CI keeps (test-results/ is not committed): one per page type and width.
            if (screenshots) await page.screenshot({ path: join(SCREENSHOTS, `${width}`, `${type.name}.png`), fullPage: true });
          }
          problems.push(...outside.map((url) => `${width}px: request off the machine: ${url}`));
          await context.close();
        };
        await Promise.all(widths.map(tour));
      }, 180_000);

      it('loads every page with no console error, no script error and no failed request', () => {
        expect(problems).toEqual([]);
      });

      it('fits every page on the screen, with no sideways scrolling', () => {
        expect(overflow).toEqual([]);
      });

      if (screenshots) {
        it('leaves a screenshot of every page type at both widths in test-results/screenshots for CI to keep', () => {
          for (const width of widths) {
            for (const type of PAGE_TYPES) {
              const png = readFileSync(join(SCREENSHOTS, `${width}`, `${type.name}.png`));
              expect(png.subarray(1, 4).toString(), type.name).toBe('PNG');
              expect(png.readUInt32BE(16), `${type.name} width`).toBe(width);
            }
          }
        });
      }
    });

    it('goes from the home page to an event to its group by clicking, and the group’s subscribe link serves its calendar', async () => {
      const { server } = served();
      const { context, outside } = await newContext(browser, { viewport: viewport(1280) });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      const page = await context.newPage();
      const watcher = watch(page);
      await watcher.visit(server.url());

      await page.getByRole('link', { name: EVENTS.pythonNight.title }).first().click();
      await page.waitForURL(server.url(`events/${EVENTS.pythonNight.slug}/`));
      expect(await page.locator('h1').textContent()).toBe(EVENTS.pythonNight.title);

      await page.getByRole('main').getByRole('link', { name: 'Spokane Python User Group' }).first().click();
      await page.waitForURL(server.url('groups/python-spokane/'));
      expect(await page.locator('h1').textContent()).toBe('Spokane Python User Group');

      const feed = server.url('groups/python-spokane/calendar.ics');
      const subscribe = page.getByRole('link', { name: 'Subscribe in your calendar app' });
      expect(await subscribe.getAttribute('href')).toBe(feed.replace(/^http:/, 'webcal:'));
      expect(await page.getByLabel(/copy this address/i).inputValue()).toBe(feed);
      await page.getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 }).toBe(feed);

      const response = await page.request.get(feed);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^text\/calendar/);
      const body = await response.text();
      expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(body).toContain('SUMMARY:Python Night: Async & You');

      await watcher.settled();
      expect([...watcher.problems, ...outside]).toEqual([]);
      await context.close();
    }, 60_000);

    it('finds an event in Pagefind search by a word from its description', async () => {
      const { server } = served();
      const { context, outside } = await newContext(browser, { viewport: viewport(360) });
      const page = await context.newPage();
      const watcher = watch(page);
      await watcher.visit(server.url('search/'));
      // "zebrafish" is only in the description of Python Night, never in a title.
      await page.locator('#search').getByRole('textbox', { name: 'Search events and groups' }).fill('zebrafish');
      const result = page.locator('#search .pagefind-ui__result-link');
      await result.first().waitFor({ timeout: 15_000 });
      expect(await result.allTextContents()).toEqual([EVENTS.pythonNight.title]);
      expect(await result.first().getAttribute('href')).toBe(new URL(server.url(`events/${EVENTS.pythonNight.slug}/`)).pathname);
      await result.first().click();
      await page.waitForURL(server.url(`events/${EVENTS.pythonNight.slug}/`));
      await watcher.settled();
      expect([...watcher.problems, ...outside]).toEqual([]);
      await context.close();
    }, 60_000);
  });

  it('shows the search results when someone searches from the box in the header', async () => {
    const { server } = root;
    const { context, outside } = await newContext(browser, { viewport: viewport(1280) });
    const page = await context.newPage();
    const watcher = watch(page);
    await watcher.visit(server.url('groups/'));
    await page.getByRole('search').getByRole('searchbox').fill('zebrafish');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(server.url('search/?q=zebrafish'));
    const result = page.locator('#search .pagefind-ui__result-link');
    await result.first().waitFor({ timeout: 15_000 });
    expect(await result.allTextContents()).toEqual([EVENTS.pythonNight.title]);
    await watcher.settled();
    expect([...watcher.problems, ...outside]).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows every page complete with JavaScript off: the same headings, events and links, only the search box missing', async () => {
    const { server } = root;
    const on = await newContext(browser, { viewport: viewport(1280) });
    const off = await newContext(browser, { viewport: viewport(1280), javaScriptEnabled: false });
    const [withJs, withoutJs] = [await on.context.newPage(), await off.context.newPage()];
    const [watchOn, watchOff] = [watch(withJs), watch(withoutJs)];
    const problems: string[] = [];
    for (const type of PAGE_TYPES) {
      const url = server.url(type.path);
      const [found, foundOff] = await Promise.all([watchOn.visit(url, type), watchOff.visit(url, { status: type.status })]);
      problems.push(...found.map((p) => `${type.name} (JavaScript on): ${p}`), ...foundOff.map((p) => `${type.name} (JavaScript off): ${p}`));
      const [a, b] = await Promise.all([snapshot(withJs), snapshot(withoutJs)]);
      expect(b.h1, type.name).not.toBe('');
      expect(b.h1, type.name).toBe(a.h1);
      expect(b.headings, type.name).toEqual(a.headings);
      expect(b.events, type.name).toBe(a.events);
      expect(b.mainText, type.name).toBeGreaterThan(40);
      expect(a.links.filter((href) => !b.links.includes(href)), `${type.name}: links only with JavaScript`).toEqual([]);
      expect(a.searchBox, `${type.name}: search box with JavaScript`).toBe(true);
      expect(b.searchBox, `${type.name}: search box without JavaScript`).toBe(false);
    }
    // Where search cannot work, the search page says so and offers the lists instead.
    await watchOff.visit(server.url('search/'));
    expect(await withoutJs.locator('.no-js-only').isVisible()).toBe(true);
    expect(await withoutJs.locator('#search').isVisible()).toBe(false);
    expect(await withoutJs.getByRole('link', { name: 'upcoming events' }).first().isVisible()).toBe(true);

    problems.push(...on.outside, ...off.outside);
    expect(problems).toEqual([]);
    await on.context.close();
    await off.context.close();
  }, 180_000);

  it('runs none of the hostile titles, names and descriptions: window.__pwned stays unset and nothing is blocked', async () => {
    const { server } = root;
    const { context, outside } = await newContext(browser, { viewport: viewport(1280) });
    const page = await context.newPage();
    const watcher = watch(page);
    const pages = [
      '',
      'upcoming/',
      `events/${EVENTS.hostile.slug}/`,
      `events/${PWNED_EVENT.slug}/`,
      'groups/',
      'groups/hostile-group/',
      'tags/security/',
      'calendar/2026-12/',
      'plan/',
      'plan/python/',
      `events/${EVENTS.pythonNight.slug}/`,
      'sources/',
      'week/2026-W49/',
      'week/2026-W49/digest.html',
    ];
    const report: string[] = [];
    for (const path of pages) {
      const problems = await watcher.visit(server.url(path));
      const pwned = await page.evaluate(() => (window as { __pwned?: unknown }).__pwned);
      if (pwned !== undefined) report.push(`${path || 'home'}: window.__pwned = ${JSON.stringify(pwned)}`);
      // Nothing that could run later either, once the browser has parsed the page: no handler
      // attribute, no javascript: address, no script but the site's own files and JSON-LD.
      const armed = await page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .filter(
            (el) =>
              [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) ||
              (el.localName === 'script' && !el.hasAttribute('src') && el.getAttribute('type') !== 'application/ld+json') ||
              ['iframe', 'object', 'embed'].includes(el.localName),
          )
          .map((el) => el.outerHTML.slice(0, 120)),
      );
      report.push(...armed.map((html) => `${path || 'home'}: armed element ${html}`));
      report.push(...problems.map((p) => `${path || 'home'}: ${p}`));
    }
    // The payloads really are on the pages, as text.
    await watcher.visit(server.url(`events/${PWNED_EVENT.slug}/`));
    expect(await page.locator('h1').textContent()).toBe(PWNED_EVENT.title);
    expect(await page.locator('.event-description').textContent()).toContain(PWNED_WORD);

    // Pagefind shows the hostile title in its results, from its own index.
    await watcher.visit(server.url(`search/?q=${PWNED_WORD}`), { ready: '#search .pagefind-ui__result-link' });
    const result = page.locator('#search .pagefind-ui__result-link');
    expect(await result.first().textContent()).toContain('Payload Party');
    const pwned = await page.evaluate(() => (window as { __pwned?: unknown }).__pwned);
    if (pwned !== undefined) report.push(`search: window.__pwned = ${JSON.stringify(pwned)}`);
    report.push(...watcher.problems.map((p) => `search: ${p}`), ...outside);
    expect(report).toEqual([]);
    await context.close();
  }, 120_000);
});

/** What a page shows a reader: its h1, its headings, the events listed, every visible link, whether a search box is there. */
async function snapshot(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element | null): boolean =>
      !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const outsideSearch = (el: Element) => !el.closest('#search');
    const main = document.querySelector('main')!;
    return {
      h1: document.querySelector('h1')?.textContent?.trim() ?? '',
      headings: [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')]
        .filter((h) => visible(h) && outsideSearch(h))
        .map((h) => h.textContent!.replace(/\s+/g, ' ').trim()),
      events: [...main.querySelectorAll('.event-item, .calendar-events li')].filter(visible).length,
      links: [...new Set([...document.querySelectorAll('a[href]')].filter((a) => visible(a) && outsideSearch(a)).map((a) => a.getAttribute('href')!))],
      mainText: main.innerText.trim().length,
      searchBox: visible(document.querySelector('header [role="search"]')),
    };
  });
}
