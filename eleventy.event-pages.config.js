import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { config, pages } from './eleventy.config.js';

// The further runs of Eleventy that render the rest of a large site's event pages, a few thousand
// at a time (Eleventy keeps every page of a run in memory until the run ends). The first run,
// with eleventy.config.js, rendered every other page, the feeds and the copied assets; these
// render events/event.njk alone, over the events `spokane-tech build` gives each run.
export const EVENT_TEMPLATE = 'events/event.njk';

export default function (eleventyConfig) {
  pages(eleventyConfig);
  const input = config.dir.input;
  const skipped = new Set([config.dir.includes, config.dir.data, '_config']);
  for (const file of readdirSync(input, { recursive: true, encoding: 'utf8' })) {
    const path = file.split('\\').join('/');
    if (!path.endsWith('.njk') || path === EVENT_TEMPLATE || skipped.has(path.split('/')[0])) continue;
    eleventyConfig.ignores.add(join(input, path));
  }
}

export { config };
