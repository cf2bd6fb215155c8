import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// For the further runs of a large site (see eleventy.config.js): every template but the event
// page's is ignored, so a run renders the events it was given and nothing the first run wrote.

export const EVENT_TEMPLATE = 'events/event.njk';
const INPUT = 'site';
const NOT_PAGES = new Set(['_includes', '_data', '_config']);

/** @param {import('@11ty/eleventy').UserConfig} eleventyConfig */
export default function (eleventyConfig) {
  for (const file of readdirSync(INPUT, { recursive: true, encoding: 'utf8' })) {
    const path = file.split('\\').join('/');
    if (!path.endsWith('.njk') || path === EVENT_TEMPLATE || NOT_PAGES.has(path.split('/')[0] ?? '')) continue;
    eleventyConfig.ignores.add(join(INPUT, path));
  }
}
