import { HtmlBasePlugin } from '@11ty/eleventy';
import rssPlugin from '@11ty/eleventy-plugin-rss';
import filters from './site/_config/filters.js';

// The site's data (the exported catalog) is added by `spokane-tech build`, which runs Eleventy
// programmatically; this file only sets up how the templates are rendered.
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addPlugin(filters);
  eleventyConfig.addPassthroughCopy({
    'node_modules/bootstrap/dist/css/bootstrap.min.css': 'assets/bootstrap.min.css',
    'site/assets': 'assets',
  });
}

export const config = {
  dir: { input: 'site', includes: '_includes', data: '_data' },
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
};
