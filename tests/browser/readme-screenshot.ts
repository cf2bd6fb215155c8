// Writes docs/screenshots/home.png, the README's picture of the home page: the fixture snapshot
// (without its hostile titles), 1280 px wide, light mode, in Debian's Chromium.
//
//   npx tsx tests/browser/readme-screenshot.ts
//
// Not a test: run it by hand when the home page's look changes, and commit the PNG.

import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildView } from '../../src/publish/view/index.ts';
import { renderSite } from '../../src/publish/render.ts';
import { writeFeedsAndData } from '../../src/publish/outputs.ts';
import { EVENTS, NOW, snapshot, site } from '../site/snapshot.ts';
import { startStaticServer } from '../helpers/static-server.ts';
import { PROJECT_ROOT, launchChromium, newContext } from './browser.ts';

const OUT = join(PROJECT_ROOT, 'docs', 'screenshots', 'home.png');

const scratch = mkdtempSync(join(tmpdir(), 'spokane-tech-readme-'));
const dir = join(scratch, 'out');
const server = await startStaticServer(dir);
const browser = await launchChromium();
try {
  const base = snapshot();
  const view = buildView({ ...base, events: base.events.filter((e) => e.id !== EVENTS.hostile.id) }, site(), NOW);
  await renderSite(view, dir, (staging) => writeFeedsAndData(staging, view, NOW), { search: false });
  const { context } = await newContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(server.url(), { waitUntil: 'networkidle' });
  mkdirSync(join(PROJECT_ROOT, 'docs', 'screenshots'), { recursive: true });
  await page.screenshot({ path: OUT, animations: 'disabled', caret: 'hide' });
  console.log(`wrote ${OUT} (${Math.round(statSync(OUT).size / 1024)} KB)`);
} finally {
  await browser.close();
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
}
