// Options for the site's Atom feeds, written by the official @11ty/eleventy-plugin-rss virtual
// template. The site's title and address are only known at build time, so each feed's metadata
// is computed from the view.

/** @typedef {import('../../src/publish/view/index.ts').SiteView} SiteView */

/**
 * @param {{ outputPath: string, inputPath?: string, collection: { name: string, limit: number },
 *   title: (site: SiteView['site']) => string, subtitle: (site: SiteView['site']) => string,
 *   basePath: (view: SiteView) => string }} feed
 */
function atomFeed({ outputPath, inputPath, collection, title, subtitle, basePath }) {
  return {
    type: 'atom',
    outputPath,
    ...(inputPath ? { inputPath } : {}),
    collection,
    templateData: {
      eleventyComputed: {
        metadata: (/** @type {{ view: SiteView }} */ data) => ({
          language: 'en',
          title: title(data.view.site),
          subtitle: subtitle(data.view.site),
          // The plugin adds the site's path prefix itself.
          base: `${data.view.site.origin}${basePath(data.view)}`,
          author: { name: data.view.site.title },
        }),
      },
    },
  };
}

/** feed.xml: events newly listed, newest first. */
export const announcedEventsFeed = atomFeed({
  outputPath: '/feed.xml',
  collection: { name: 'announcedEvents', limit: 50 },
  title: (site) => `${site.title}: newly announced events`,
  subtitle: (site) => `Events newly listed on ${site.title}, newest first.`,
  basePath: () => '/',
});

/**
 * week/feed.xml: one entry a week, its id the week's page, its date the week's start, its content
 * the digest as the e-mail has it. The feed is the list of weeks (/week/), which is also its id.
 */
export const weekDigestsFeed = atomFeed({
  outputPath: '/week/feed.xml',
  // The plugin names its template after the feed's type; feed.xml's has that name already.
  inputPath: 'eleventy-plugin-feed-weeks-atom.njk',
  collection: { name: 'weekDigests', limit: 0 },
  title: (site) => `${site.title}: the weekly digest`,
  subtitle: (site) => `The tech events on ${site.title}, a week at a time.`,
  basePath: (view) => view.weekDigests.indexPath,
});
