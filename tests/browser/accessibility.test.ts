import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { PAGE_TYPES, WIDTHS, describeInBrowser, launchChromium, newContext, serveFixtureSite, viewport, watch, type ServedSite } from './browser.ts';

// axe-core in Chromium on every page type, on a phone and a desktop, in the light and the dark
// colour mode (the site follows the system's, as Bootstrap's color modes do): no violation of
// WCAG 2.0, 2.1 or 2.2 A/AA that axe rates serious or critical.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCHEMES = ['light', 'dark'] as const;

let browser: Browser;
let served: ServedSite;

describeInBrowser('accessibility in a real browser (axe-core)', () => {
  beforeAll(async () => {
    const launched = launchChromium();
    served = await serveFixtureSite('/');
    browser = await launched;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  // The four run side by side, each in its own browser context: Chromium's renderers then use
  // every core while this worker waits for them.
  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      it.concurrent(`finds no serious or critical WCAG 2.2 AA violation on any page type at ${width} px wide in ${scheme} mode`, async ({ expect }) => {
        const { context, outside } = await newContext(browser, { viewport: viewport(width), colorScheme: scheme });
        const page = await context.newPage();
        const watcher = watch(page);
        const found: string[] = [];
        for (const type of PAGE_TYPES) {
          found.push(...(await watcher.visit(served.server.url(type.path), type)).map((p) => `${type.name}: ${p}`));
          // The colour mode really is the one under test (the CSS follows the system's).
          const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          expect(background, type.name).toBe(scheme === 'dark' ? 'rgb(33, 37, 41)' : 'rgb(255, 255, 255)');
          expect(page.frames(), `${type.name}: frames`).toHaveLength(1);
          // Legacy mode runs axe.run() in the page itself instead of finishing in a new blank page
          // (half the time); it skips cross-origin frames, and the site has no frame at all. Only
          // violations are reported in full: collecting every passing node costs more than the checks.
          const results = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
          for (const violation of results.violations) {
            if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
            const targets = violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ').slice(0, 160)})` : ''}`);
            found.push(`${type.name}: ${violation.id} [${violation.impact}] ${violation.help}: ${targets.join('; ')}`);
          }
        }
        found.push(...outside.map((url) => `request off the machine: ${url}`));
        await context.close();
        expect(found).toEqual([]);
      }, 240_000);
    }
  }
});
