// Writes the README's pictures of the site: the home page, an event page and a group page, each
// on a phone (360×640) and a desktop (1280×800), light mode, from the fixture snapshot (without
// its hostile titles), in Debian's Chromium. What is drawn is what a visitor sees before
// scrolling. The fixture's images (at images.example) are drawn as gradients, one per address.
// Then the plan page's first two weeks, from the seeded groups of tests/helpers/plan-seed.ts
// (whose habits and clashes the fixture does not have), AWS Spokane given lunches on first Wednesdays so
// that a usual night shows among them.
//
//   npx tsx tests/browser/readme-screenshot.ts [label]
//
// writes docs/screenshots/<label>-<page>-<width>.png (label: "after" unless given; "before" was
// drawn from the site as it was before its redesign) and docs/screenshots/plan-<width>.png. Not a
// test: run it by hand when the pages' look changes, and commit the PNGs.

import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildView } from '../../src/publish/view/index.ts';
import { renderSite } from '../../src/publish/render.ts';
import { writeFeedsAndData } from '../../src/publish/feeds.ts';
import { eventsOn, monthly } from '../helpers/histories.ts';
import { planSeedSnapshot } from '../helpers/plan-seed.ts';
import { EVENTS, NOW, snapshot, site } from '../site/snapshot.ts';
import { startPreviewServer } from '../../src/publish/preview.ts';
import { PROJECT_ROOT, launchChromium } from './browser.ts';

const label = process.argv[2] ?? 'after';
const OUT_DIR = join(PROJECT_ROOT, 'docs', 'screenshots');
const PAGES = { home: '', event: `events/${EVENTS.pythonNight.slug}/`, group: 'groups/python-spokane/' };
const SCREENS = [
  { width: 360, height: 640 },
  { width: 1280, height: 800 },
];
/** The plan as of Tuesday, December 1, 2026 at noon, Pacific: the seed's clashes fall in its first two weeks. */
const PLAN_TODAY = '2026-12-01';
const PLAN_NOW = new Date('2026-12-01T20:00:00Z');
/** How much of the plan is drawn at most: on a phone, its heading, its links and its first nights. */
const PLAN_SCREENS = [
  { width: 360, height: 1600 },
  { width: 1280, height: 2000 },
];

/** A cover image for an address at images.example: a diagonal gradient whose hues come from the address. */
function coverSvg(url: string): string {
  let hash = 0;
  for (const char of url) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue} 65% 45%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360} 70% 30%)"/>
  </linearGradient></defs>
  <rect width="1200" height="675" fill="url(#g)"/>
  <circle cx="930" cy="170" r="260" fill="rgb(255 255 255 / 0.12)"/><circle cx="240" cy="560" r="180" fill="rgb(255 255 255 / 0.08)"/>
</svg>`;
}

const scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-readme-'));
const dir = join(scratch, 'out');
const planDir = join(scratch, 'plan');
const server = await startPreviewServer(dir);
const planServer = await startPreviewServer(planDir);
const browser = await launchChromium();
try {
  const base = snapshot();
  const view = buildView({ ...base, events: base.events.filter((e) => e.id !== EVENTS.hostile.id) }, site(), NOW);
  await renderSite(view, dir, (staging) => writeFeedsAndData(staging, view, NOW), { search: false });
  mkdirSync(OUT_DIR, { recursive: true });
  for (const screen of SCREENS) {
    const context = await browser.newContext({ viewport: screen, colorScheme: 'light', reducedMotion: 'reduce' });
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) =>
        new URL(route.request().url()).hostname === 'images.example'
          ? route.fulfill({ status: 200, contentType: 'image/svg+xml', body: coverSvg(route.request().url()) })
          : route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(server.url(path), { waitUntil: 'networkidle' });
      const file = join(OUT_DIR, `${label}-${name}-${screen.width}.png`);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      console.log(`wrote ${file} (${Math.round(statSync(file).size / 1024)} KB)`);
    }
    await context.close();
  }

  const firstWednesdays = eventsOn('aws-spokane', monthly(3, 1, '2026-06', '2026-11'), '12:00', { title: 'AWS Lunch and Learn' });
  const planView = buildView(planSeedSnapshot(PLAN_TODAY, firstWednesdays).snapshot, site(), PLAN_NOW);
  await renderSite(planView, planDir, (staging) => writeFeedsAndData(staging, planView, PLAN_NOW), { search: false });
  for (const screen of PLAN_SCREENS) {
    const context = await browser.newContext({ viewport: { width: screen.width, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await page.goto(planServer.url('plan/'), { waitUntil: 'networkidle' });
    const file = join(OUT_DIR, `plan-${screen.width}.png`);
    const height = Math.min(screen.height, await page.evaluate(() => document.documentElement.scrollHeight));
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: screen.width, height }, animations: 'disabled', caret: 'hide' });
    console.log(`wrote ${file} (${Math.round(statSync(file).size / 1024)} KB)`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  await planServer.close();
  rmSync(scratch, { recursive: true, force: true });
}
