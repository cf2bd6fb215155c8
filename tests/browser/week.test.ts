import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PWNED_TITLE, describeInBrowser, launchChromium, newContext, serveFixtureSite, viewport, watch, type ServedSite } from './browser.ts';

// The weekly digest as its readers get it, in Chromium, from the fixture site served under a
// project-site prefix (built on Thursday, November 26, 2026): the week pages by clicking, the
// e-mail file as a mail client's web view shows it, the feed as a browser parses it. The pages'
// own checks (console, overflow, axe in both colour modes, JavaScript off) run with every other
// page type in pages.test.ts and accessibility.test.ts.

let browser: Browser;
let site: ServedSite;

describeInBrowser('the weekly digest in a real browser', () => {
  beforeAll(async () => {
    const launched = launchChromium();
    site = await serveFixtureSite('/spokane-tech/', { search: false });
    browser = await launched;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('leads from the home page’s “This week” to this week’s digest and on to the next week’s, by clicking', async () => {
    const { server } = site;
    const { context, outside } = await newContext(browser, { viewport: viewport(360) });
    const page = await context.newPage();
    const watcher = watch(page);
    await watcher.visit(server.url());
    await page.getByRole('link', { name: "This week's digest" }).first().click();
    await page.waitForURL(server.url('week/2026-W48/'));
    expect(await page.locator('h1').textContent()).toBe('This week · November 23 – 29, 2026');
    await page.getByRole('link', { name: /^Next week/ }).click();
    await page.waitForURL(server.url('week/2026-W49/'));
    expect(await page.getByRole('heading', { level: 3, name: PWNED_TITLE }).count()).toBe(1);
    await page.getByRole('link', { name: 'As an e-mail (HTML)' }).click();
    await page.waitForURL(server.url('week/2026-W49/digest.html'));
    expect(await page.locator('h1').textContent()).toBe('The week of November 30 – December 6, 2026');
    await watcher.settled();
    expect([...watcher.problems, ...outside]).toEqual([]);
    await context.close();
  }, 60_000);

  for (const width of [360, 1280] as const) {
    it(`shows the e-mail digest at most 600 px wide and with nothing off its edge at ${width} px, loading nothing, running nothing, with no serious accessibility problem`, async () => {
      const { server } = site;
      const { context, outside } = await newContext(browser, { viewport: viewport(width), colorScheme: 'light' });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(new URL(request.url()).pathname));
      const watcher = watch(page);
      const problems = await watcher.visit(server.url('week/2026-W49/digest.html'));
      const digestWidth = await page.locator('body > table table').first().evaluate((el) => el.getBoundingClientRect().width);
      expect(digestWidth).toBeLessThanOrEqual(Math.min(600, width));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // The hostile event is there as text, and nothing in the file ran.
      expect(await page.getByRole('link', { name: PWNED_TITLE }).count()).toBe(1);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(requests.filter((path) => path !== '/favicon.ico')).toEqual(['/spokane-tech/week/2026-W49/digest.html']);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
      expect([...problems, ...outside, ...serious]).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('serves the feed of digests as XML the browser parses, an entry for each week with the week’s page as its id', async () => {
    const { server } = site;
    const { context, outside } = await newContext(browser, { viewport: viewport(1280) });
    const page = await context.newPage();
    const watcher = watch(page);
    await watcher.visit(server.url('week/2026-W48/'));
    const feedUrl = await page.locator('link[rel="alternate"][type="application/atom+xml"][href$="/week/feed.xml"]').evaluate((link) => (link as HTMLLinkElement).href);
    expect(feedUrl).toBe(server.url('week/feed.xml'));
    const parsed = await page.evaluate(async (url) => {
      const text = await (await fetch(url)).text();
      const xml = new DOMParser().parseFromString(text, 'application/xml');
      const entries = [...xml.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry')];
      return {
        error: xml.getElementsByTagName('parsererror').length,
        ids: entries.map((entry) => entry.getElementsByTagName('id')[0]?.textContent),
        hostile: entries.some((entry) => (entry.getElementsByTagName('content')[0]?.textContent ?? '').includes('Payload Party')),
      };
    }, feedUrl);
    expect(parsed).toEqual({ error: 0, ids: [server.url('week/2026-W49/'), server.url('week/2026-W48/')], hostile: true });
    await watcher.settled();
    expect([...watcher.problems, ...outside]).toEqual([]);
    await context.close();
  }, 60_000);
});
