import { HtmlBasePlugin } from '@11ty/eleventy';
import { feedPlugin } from '@11ty/eleventy-plugin-rss';
import collections from './site/_config/collections.js';
import css from './site/_config/css.js';
import eventPagesOnly from './site/_config/event-pages-only.js';
import { announcedEventsFeed, weekDigestsFeed } from './site/_config/feed.js';
import filters from './site/_config/filters.js';
import tidy from './site/_config/tidy.js';

// The site's data is one global, `view`: everything the pages show, computed from the store by
// src/publish/view and added to Eleventy's data by `spokane-tech build`, which runs Eleventy
// (src/publish/render.ts). The templates read nothing else.
//
// A large site's event pages are rendered a few thousand at a time, in further runs that add the
// global `run` with `eventPagesOnly` set: those runs render the event pages alone.

/** @param {import('@11ty/eleventy').UserConfig} eleventyConfig */
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(filters);
  eleventyConfig.addPlugin(tidy);
  if (eleventyConfig.globalData.run?.eventPagesOnly) {
    eleventyConfig.addPlugin(eventPagesOnly);
    return;
  }
  eleventyConfig.addPlugin(collections);
  eleventyConfig.addPlugin(feedPlugin, announcedEventsFeed);
  eleventyConfig.addPlugin(feedPlugin, weekDigestsFeed);
  eleventyConfig.addPlugin(css);
  eleventyConfig.addPassthroughCopy({ 'site/assets': 'assets', 'site/schema': 'schema' });
}

export const config = {
  dir: { input: 'site', includes: '_includes', data: '_data' },
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
};
