import nunjucks from 'nunjucks';
import { markdownText } from './markdown.js';

// Nunjucks filters for the site's templates. Dates, labels, links and page titles arrive ready
// from the view (src/publish/view); what is left here only shapes words.

/** @param {import('@11ty/eleventy').UserConfig} eleventyConfig */
export default function (eleventyConfig) {
  /** "1 event", "3 events" */
  eleventyConfig.addFilter('count', (/** @type {number} */ n, /** @type {string} */ singular, /** @type {string=} */ plural) =>
    `${n} ${n === 1 ? singular : (plural ?? `${singular}s`)}`,
  );
  /**
   * Text written into a Markdown file: escaped for Markdown, and marked safe so that HTML's
   * escaping is not added on top (a renderer would show its entities as text).
   */
  eleventyConfig.addFilter('markdown', (/** @type {unknown} */ text) => new nunjucks.runtime.SafeString(markdownText(text)));
}
