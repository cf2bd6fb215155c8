import { safeHttpUrl, sanitizeDescription } from '../../src/sanitize.ts';

// Nunjucks filters for the site's templates. Dates arrive already localised from the build's
// view model; these only shape values for attributes and feeds.
export default function (eleventyConfig) {
  /** Absolute URL for a site path, for canonical links, the sitemap and the feeds. */
  eleventyConfig.addFilter('siteUrl', (path, siteUrl) => new URL(path.replace(/^\//, ''), `${siteUrl}/`).href);

  /** Only http(s) URLs are ever linked; anything else renders as no link at all. */
  eleventyConfig.addFilter('httpUrl', (value) => safeHttpUrl(value) ?? '');

  /**
   * Descriptions were sanitized when fetched; sanitizing again here means a hand-edited or
   * older export can never put markup on a page that the current policy would refuse.
   */
  eleventyConfig.addFilter('sanitized', (html) => sanitizeDescription(String(html ?? '')));

  /** Where a link goes, in words: "Meetup" for meetup.com, else the site's host name. */
  eleventyConfig.addFilter('platformName', (url) => {
    const safe = safeHttpUrl(url);
    if (!safe) return 'the source';
    const host = new URL(safe).hostname.replace(/^www\./, '');
    return PLATFORMS.find(([pattern]) => pattern.test(host))?.[1] ?? host;
  });
}

const PLATFORMS = [
  [/(^|\.)meetup\.com$/, 'Meetup'],
  [/(^|\.)eventbrite\.[a-z.]+$/, 'Eventbrite'],
  [/(^|\.)(lu\.ma|luma\.com)$/, 'Luma'],
];
