import { safeHttpUrl, sanitizeDescription } from '../../src/text/sanitize.ts';
import { platformName } from '../../src/publish/view/links.ts';
import { truncateText } from '../../src/text/plain.ts';

// Nunjucks filters for the site's templates. Dates, labels and links arrive ready from the
// build's view model (src/build/view.ts); these only shape values for attributes and feeds.
export default function (eleventyConfig) {
  /** Absolute URL for a site path, for canonical links, the sitemap and the feeds. */
  eleventyConfig.addFilter('siteUrl', (path, siteUrl) => new URL(String(path).replace(/^\//, ''), `${siteUrl}/`).href);

  /** Only http(s) URLs are ever linked; anything else renders as no link at all. */
  eleventyConfig.addFilter('httpUrl', (value) => safeHttpUrl(value) ?? '');

  /**
   * Descriptions were sanitized when fetched; sanitizing again here means a hand-edited or
   * older export can never put markup on a page that the current policy would refuse.
   */
  eleventyConfig.addFilter('sanitized', (html) => sanitizeDescription(String(html ?? '')));

  /** The <title>: the page's own title shortened so that, with the site's name, it fits 70 characters. */
  eleventyConfig.addFilter('documentTitle', (title, siteTitle) => {
    if (!title) return siteTitle;
    const suffix = ` · ${siteTitle}`;
    // Counted as written in the page, entities and all (as validators count it).
    const written = (text) => [...text.replace(/[&<>"']/g, '&amp;')].length;
    let max = 70 - [...suffix].length;
    let short = truncateText(String(title), max);
    while (max > 20 && written(short + suffix) > 70) short = truncateText(String(title), --max);
    return short + suffix;
  });

  /** Where a link goes, in words: "Meetup" for meetup.com, else the site's host name. */
  eleventyConfig.addFilter('platformName', platformName);

  /** "1 event", "3 events" */
  eleventyConfig.addFilter('count', (n, singular, plural) => `${n} ${n === 1 ? singular : (plural ?? `${singular}s`)}`);
}
