import { HtmlBasePlugin } from '@11ty/eleventy';
import { feedPlugin } from '@11ty/eleventy-plugin-rss';
import filters from './site/_config/filters.js';
import collections from './site/_config/collections.js';
import css from './site/_config/css.js';
import feed from './site/_config/feed.js';
import tidy from './site/_config/tidy.js';

// The site's data (the view built from the exported catalog) is added by `spokane-tech build`,
// which runs Eleventy programmatically; this file only sets up how the templates are rendered.
// On a large site the event pages are rendered a few thousand at a time in further runs, with
// eleventy.event-pages.config.js (see src/build/site.ts); those runs share `pages` below.
export default function (eleventyConfig) {
  pages(eleventyConfig);
  eleventyConfig.addPlugin(collections);
  eleventyConfig.addPlugin(feedPlugin, feed);
  eleventyConfig.addPlugin(css);
  eleventyConfig.addPassthroughCopy({
    'site/assets': 'assets',
    'site/schema': 'schema',
  });
}

/** What every page needs, in every run: links under the path prefix, the filters, tidy HTML. */
export function pages(eleventyConfig) {
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(filters);
  eleventyConfig.addPlugin(tidy);
}

export const config = {
  dir: { input: 'site', includes: '_includes', data: '_data' },
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
};
