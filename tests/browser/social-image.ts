// Draws site/assets/social.png, the picture social sites show for a page with none of its own
// (an event without an image whose group has none either, the home page, the lists): 1200×630,
// the size Open Graph and X/Twitter's large card expect, as PNG because most social sites do not
// take SVG. It names no city (the tool builds other cities' sites too): the site's mark beside a
// few events in its own date blocks and group colours.
//
//   npx tsx tests/browser/social-image.ts
//
// Not a test: run it by hand when the site's look changes, and commit the PNG.

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, launchChromium } from './browser.ts';

const OUT = join(PROJECT_ROOT, 'site', 'assets', 'social.png');

/** One event in a date block, with a title bar and a group's monogram colour. */
function row(y: number, weekday: string, day: string, tone: string, width: number): string {
  return `
  <g transform="translate(560 ${y})">
    <rect width="560" height="112" rx="20" fill="#fff"/>
    <rect x="20" y="16" width="80" height="80" rx="14" fill="#eef2ff"/>
    <text x="60" y="44" font-size="17" font-weight="700" fill="#4338ca" text-anchor="middle">${weekday}</text>
    <text x="60" y="80" font-size="34" font-weight="800" fill="#111827" text-anchor="middle">${day}</text>
    <rect x="124" y="28" width="${width}" height="20" rx="10" fill="#1f2937"/>
    <rect x="124" y="64" width="28" height="28" rx="8" fill="${tone}"/>
    <rect x="164" y="70" width="${width - 120}" height="16" rx="8" fill="#9ca3af"/>
  </g>`;
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630" font-family="DejaVu Sans, sans-serif">
  <rect width="1200" height="630" fill="#4f46e5"/>
  <circle cx="1120" cy="40" r="260" fill="#4338ca"/>
  <circle cx="80" cy="620" r="220" fill="#4338ca"/>
  <g transform="translate(110 165) scale(9)">
    <rect width="32" height="32" rx="7" fill="#312e81"/>
    <rect x="7" y="9" width="18" height="16" rx="2.5" fill="#fff"/>
    <rect x="7" y="9" width="18" height="5" rx="1" fill="#818cf8"/>
    <rect x="11" y="6" width="2" height="6" rx="1" fill="#fff"/>
    <rect x="19" y="6" width="2" height="6" rx="1" fill="#fff"/>
    <circle cx="16" cy="19.5" r="2.75" fill="#4f46e5"/>
  </g>
  ${row(105, 'THU', '26', '#c2410c', 340)}
  ${row(259, 'SAT', '28', '#0f766e', 280)}
  ${row(413, 'TUE', '1', '#6d28d9', 380)}
</svg>`;

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
  await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: 1200, height: 630 } });
  console.log(`wrote ${OUT} (${Math.round(statSync(OUT).size / 1024)} KB)`);
} finally {
  await browser.close();
}
