import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_TONES } from '../../src/publish/view/face.ts';
import { GROUP_UPCOMING_SHOWN } from '../../src/publish/view/group.ts';
import { PAGE_SIZE } from '../../src/publish/view/list-pages.ts';
import { EVENTS } from '../site/snapshot.ts';
import { describeInBrowser, launchChromium, newContext, serveFixtureSite, watch, type ServedSite } from './browser.ts';

// What the design promises a visitor, checked in Chromium: on a 360×640 phone the header folds
// into a menu (no script) and the first event shows; a group's page leads with its subscribe
// links; long lists are cut short and paged; events already running are said to be running; the
// repository is linked when there is one; group colours keep their contrast; five type sizes;
// images never make the page jump.

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };

let browser: Browser;
let site: ServedSite;
let withoutRepository: ServedSite;

describeInBrowser('the design in a real browser', () => {
  beforeAll(async () => {
    const launched = launchChromium();
    site = await serveFixtureSite('/', { search: false });
    withoutRepository = await serveFixtureSite('/spokane-tech/', { search: false, repository: null });
    browser = await launched;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await withoutRepository?.close();
  });

  /** A page loaded in a fresh context; what went wrong on it is checked by the caller. */
  async function open(path: string, options: { viewport?: typeof PHONE; javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark'; served?: ServedSite } = {}) {
    const { context, outside } = await newContext(browser, {
      viewport: options.viewport ?? DESKTOP,
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    const watcher = watch(page);
    const problems = await watcher.visit((options.served ?? site).server.url(path));
    return { page, problems: [...problems, ...outside], close: () => context.close() };
  }

  /** Whether an element lies wholly inside the first screen, without scrolling. */
  const onFirstScreen = async (page: Page, selector: string) =>
    page.locator(selector).first().evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    });

  describe('on a 360×640 phone', () => {
    it('folds the site’s sections into a menu that opens without JavaScript, and shows the first event on the first screen', async () => {
      const { page, problems, close } = await open('', { viewport: PHONE, javaScriptEnabled: false });
      expect(await page.locator('header').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(64);
      const menu = page.getByRole('navigation', { name: 'Site menu' }).getByRole('link', { name: 'Groups' });
      expect(await menu.isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'Site', exact: true }).isVisible()).toBe(false);
      expect(await onFirstScreen(page, 'main .event-item .event-title')).toBe(true);
      expect(await page.locator('main .event-item .event-title').first().textContent()).toBe(EVENTS.noEndToday.title);

      await page.getByText('Menu', { exact: true }).click();
      expect(await menu.isVisible()).toBe(true);
      await menu.click();
      await page.waitForURL(site.server.url('groups/'));
      expect(problems).toEqual([]);
      await close();
    });

    it('shows a group’s subscribe links on the first screen of its page', async () => {
      const { page, problems, close } = await open('groups/python-spokane/', { viewport: PHONE });
      expect(await onFirstScreen(page, 'a:text("Subscribe in your calendar app")')).toBe(true);
      expect(await onFirstScreen(page, 'a:text("Add to Google Calendar")')).toBe(true);
      expect(problems).toEqual([]);
      await close();
    });

    it('fits every event of a list on the screen’s width, its date block beside it', async () => {
      const { page, problems, close } = await open('upcoming/', { viewport: PHONE });
      const rows = await page.locator('.event-row').evaluateAll((rows) =>
        rows.slice(0, 10).map((row) => {
          const block = row.querySelector('.date-block')!.getBoundingClientRect();
          const body = row.querySelector('.event-row-body')!.getBoundingClientRect();
          return { beside: block.right <= body.left && block.top <= body.top + 4, fits: body.right <= window.innerWidth };
        }),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.beside && r.fits)).toBe(true);
      expect(problems).toEqual([]);
      await close();
    });
  });

  it('shows the plan on a phone without JavaScript: every night on the screen’s width, usual nights outlined and said in words, free nights said Free, tags and weeks as links', async () => {
    const { page, problems, close } = await open('plan/', { viewport: PHONE, javaScriptEnabled: false });
    const nights = await page.locator('.plan-night').evaluateAll((rows) =>
      rows.map((row) => ({
        fits: row.getBoundingClientRect().right <= window.innerWidth,
        free: row.classList.contains('plan-free'),
        shown: [...row.querySelectorAll('.plan-free-date [aria-hidden], .plan-free-word')].map((el) => (el as HTMLElement).innerText).join(' '),
      })),
    );
    expect(nights).toHaveLength(site.view.plans[0]!.weeks.flatMap((w) => w.nights).length);
    expect(nights.every((n) => n.fits)).toBe(true);
    const free = nights.filter((n) => n.free);
    expect(free.length).toBeGreaterThan(0);
    expect(free.filter((n) => !/^[A-Z]{3} \d{1,2} Free$/.test(n.shown))).toEqual([]);
    // The clash over Python Night, said in words on its night and on the event's own page.
    expect(await page.locator('.plan-clash').first().textContent()).toMatch(/^Clash: Python Night: Async & You .+ Old Timers Social .+both python\.$/s);
    await page.getByRole('navigation', { name: 'Plan by tag' }).getByRole('link', { name: 'python' }).click();
    await page.waitForURL(site.server.url('plan/python/'));
    expect(await page.getByRole('navigation', { name: 'Plan by tag' }).locator('[aria-current="page"]').textContent()).toBe('python');
    await page.getByRole('link', { name: /^Next: / }).click();
    await page.waitForURL(site.server.url('plan/python/2/'));
    expect(await page.getByRole('navigation', { name: 'Weeks of the plan' }).locator('[aria-current="page"]').textContent()).toBe(site.view.plans[1]!.rangeLabel);
    // Python's usual nights start where its listed evenings stop, in this second fortnight.
    const usual = page.locator('.plan-usual').first();
    expect(await usual.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');
    expect(await usual.textContent()).toContain('usually meets');
    const event = await open(`events/${EVENTS.pythonNight.slug}/`, { viewport: PHONE, javaScriptEnabled: false });
    expect(await event.page.locator('.also-that-evening li').textContent()).toContain('Old Timers Social');
    expect([...problems, ...event.problems]).toEqual([]);
    await event.close();
    await close();
  });

  describe('short pages', () => {
    it('shows a group’s next event and a few more, and pages the rest, each page bounded', async () => {
      const { page, problems, close } = await open('groups/python-spokane/');
      const upcoming = page.locator('section:has(> #upcoming)');
      expect(await upcoming.locator('.event-feature .event-title').textContent()).toBe(EVENTS.noEndToday.title);
      expect(await upcoming.locator('.event-item').count()).toBe(1 + GROUP_UPCOMING_SHOWN);
      await upcoming.getByRole('link', { name: /^All \d+ upcoming events/ }).click();
      await page.waitForURL(site.server.url('groups/python-spokane/upcoming/'));
      const total = Number(/(\d+) upcoming events/.exec((await page.locator('main h1 + p').textContent()) ?? '')?.[1]);
      let seen = await page.locator('.event-item').count();
      expect(seen).toBe(PAGE_SIZE);
      await page.getByRole('link', { name: 'Next' }).click();
      await page.waitForURL(site.server.url('groups/python-spokane/upcoming/2/'));
      seen += await page.locator('.event-item').count();
      expect(seen).toBe(total);
      expect(await page.getByRole('link', { name: 'Spokane Python User Group' }).first().getAttribute('href')).toBe('/groups/python-spokane/');
      expect(problems).toEqual([]);
      await close();
    });

    it('keeps the home page to today, what is running, this week and the next ten, linking to the whole list', async () => {
      const { page, problems, close } = await open('');
      expect(await page.locator('main .event-item').count()).toBeLessThanOrEqual(9 + 5 + 30 + 10);
      expect(await page.locator('section:has(> #coming-up) .event-item').count()).toBe(10);
      await page.getByRole('link', { name: 'As cards' }).click();
      await page.waitForURL(site.server.url('upcoming/cards/'));
      expect(await page.locator('.event-card').count()).toBe(PAGE_SIZE);
      await page.getByRole('link', { name: 'List' }).click();
      await page.waitForURL(site.server.url('upcoming/'));
      expect(await page.locator('.event-row').count()).toBe(PAGE_SIZE);
      expect(problems).toEqual([]);
      await close();
    });
  });

  it('shows an event that began on an earlier day under “Ongoing”, until its end, not under today', async () => {
    const { page, problems, close } = await open('');
    const ongoing = page.locator('section:has(> #ongoing)');
    expect(await ongoing.locator('.event-item:has-text("Advent of Code Hack Week") .event-time').textContent()).toBe('Ongoing, until Saturday, November 28, 5:00 PM');
    expect(await page.locator('section:has(> #today)').textContent()).not.toContain('Advent of Code Hack Week');
    const list = await open('upcoming/');
    expect(await list.page.locator('main h2').first().textContent()).toBe('Ongoing');
    expect([...problems, ...list.problems]).toEqual([]);
    await list.close();
    await close();
  });

  describe('the repository', () => {
    it('is linked from the footer and the about page, and each event page reports a problem in a filled-in issue, when sources.yaml names it', async () => {
      const { page, problems, close } = await open('about/');
      expect(await page.locator('footer').getByRole('link', { name: 'Source code and issues' }).getAttribute('href')).toBe('https://github.com/spokane-tech/spokane-tech');
      expect(await page.getByRole('link', { name: 'Suggest a group' }).getAttribute('href')).toBe(
        'https://github.com/spokane-tech/spokane-tech/issues/new?template=add-a-group.yml',
      );
      const event = await open(`events/${EVENTS.pythonNight.slug}/`);
      const report = new URL((await event.page.getByRole('link', { name: 'Report a problem with this event' }).getAttribute('href'))!);
      expect(report.searchParams.get('title')).toBe(`Wrong event: ${EVENTS.pythonNight.title}`);
      expect(report.searchParams.get('event')).toBe(site.server.url(`events/${EVENTS.pythonNight.slug}/`));
      expect([...problems, ...event.problems]).toEqual([]);
      await event.close();
      await close();
    });

    it('is not linked at all when sources.yaml names none, and the about page says how to reach the maintainers', async () => {
      const { page, problems, close } = await open('about/', { served: withoutRepository });
      expect(await page.locator('a[href*="github.com"]').count()).toBe(0);
      expect(await page.locator('main').textContent()).toContain('contact whoever runs it directly');
      const event = await open(`events/${EVENTS.pythonNight.slug}/`, { served: withoutRepository });
      expect(await event.page.getByRole('link', { name: /Report a problem/ }).count()).toBe(0);
      expect([...problems, ...event.problems]).toEqual([]);
      await event.close();
      await close();
    });
  });

  describe('the look', () => {
    it('gives every group colour white monogram letters at WCAG AA contrast, in light and in dark mode', async () => {
      const css = readFileSync(join(site.dir, 'assets', 'site.css'), 'utf8');
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context } = await newContext(browser, { viewport: DESKTOP, colorScheme });
        const page = await context.newPage();
        const faces = Array.from({ length: FACE_TONES }, (_, tone) => `<span class="face face-${tone}">Py</span>`).join(' ');
        await page.setContent(`<!DOCTYPE html><html lang="en"><head><title>faces</title><style>${css}</style></head><body><main><h1>Faces</h1>${faces}</main></body></html>`);
        // Each tone is a colour of its own, set for this colour mode.
        const colours = await page.locator('.face').evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
        expect(new Set(colours).size, colorScheme).toBe(FACE_TONES);
        const results = await new AxeBuilder({ page })
          .options({ runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['passes', 'violations', 'incomplete'] })
          .include('.face')
          .analyze();
        expect(results.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary)), colorScheme).toEqual([]);
        expect(results.incomplete.flatMap((i) => i.nodes.map((n) => n.any.map((a) => a.message))), colorScheme).toEqual([]);
        expect(results.passes.flatMap((p) => p.nodes), colorScheme).toHaveLength(FACE_TONES);
        await context.close();
      }
    }, 60_000);

    it('sets every text in at most five sizes', async () => {
      const found: string[] = [];
      for (const viewport of [PHONE, DESKTOP]) {
        for (const path of ['', `events/${EVENTS.pythonNight.slug}/`, 'groups/python-spokane/', 'upcoming/', 'upcoming/cards/', 'calendar/2026-12/', 'plan/', 'about/']) {
          const { page, problems, close } = await open(path, { viewport });
          const sizes = await page.evaluate(() => {
            const sizes = new Set<string>();
            for (const el of document.querySelectorAll('body *')) {
              const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
              if (hasText && el.getClientRects().length > 0) sizes.add(getComputedStyle(el).fontSize);
            }
            return [...sizes];
          });
          if (sizes.length > 5) found.push(`${viewport.width}px /${path}: ${sizes.join(', ')}`);
          found.push(...problems);
          await close();
        }
      }
      expect(found).toEqual([]);
    }, 120_000);

    it('never moves the page while it loads: images are sized before they arrive', async () => {
      const shifts: string[] = [];
      for (const viewport of [PHONE, DESKTOP]) {
        for (const path of ['', `events/${EVENTS.pythonNight.slug}/`, 'groups/python-spokane/', 'upcoming/cards/']) {
          const { context } = await newContext(browser, { viewport });
          // The images arrive late, after the page has been laid out.
          await context.route('https://images.example/**', async (route) => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            await route.fallback();
          });
          const page = await context.newPage();
          await page.addInitScript(() => {
            (window as unknown as { __shift: number }).__shift = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as unknown as { value: number }[]) (window as unknown as { __shift: number }).__shift += entry.value;
            }).observe({ type: 'layout-shift', buffered: true });
          });
          await page.goto(site.server.url(path), { waitUntil: 'load' });
          await page.evaluate(() => Promise.all([...document.images].filter((img) => img.loading !== 'lazy').map((img) => img.decode().catch(() => undefined))));
          await page.waitForTimeout(300);
          const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
          if (shift > 0.01) shifts.push(`${viewport.width}px /${path}: layout shift ${shift.toFixed(3)}`);
          await context.close();
        }
      }
      expect(shifts).toEqual([]);
    }, 120_000);
  });
});
