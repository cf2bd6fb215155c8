import { HtmlBasePlugin } from '@11ty/eleventy';
import { feedPlugin } from '@11ty/eleventy-plugin-rss';
import filters from './site/_config/filters.js';
import collections from './site/_config/collections.js';
import feed from './site/_config/feed.js';
import tidy from './site/_config/tidy.js';

// The site's data (the view built from the exported catalog) is added by `spokane-tech build`,
// which runs Eleventy programmatically; this file only sets up how the templates are rendered.
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(filters);
  eleventyConfig.addPlugin(collections);
  eleventyConfig.addPlugin(feedPlugin, feed);
  eleventyConfig.addPlugin(tidy);
  eleventyConfig.addPassthroughCopy({
    'node_modules/bootstrap/dist/css/bootstrap.min.css': 'assets/bootstrap.min.css',
    'site/assets': 'assets',
    'site/schema': 'schema',
  });
}

export const config = {
  dir: { input: 'site', includes: '_includes', data: '_data' },
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
};
