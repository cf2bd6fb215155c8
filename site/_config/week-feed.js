// Options for the Atom feed of weekly digests (week/feed.xml), written by the same official
// @11ty/eleventy-plugin-rss virtual template as feed.xml (see feed.js): one entry a week, its
// id the week's page, its date the week's start, its content the digest as the e-mail has it.
// The feed is the list of weeks (/week/), which is also its id.

export default {
  type: 'atom',
  outputPath: '/week/feed.xml',
  // The plugin names its template after the feed's type; feed.xml's has that name already.
  inputPath: 'eleventy-plugin-feed-weeks-atom.njk',
  collection: { name: 'weekDigests', limit: 0 },
  templateData: {
    eleventyComputed: {
      metadata: (/** @type {{ view: import('../../src/publish/view/index.ts').SiteView }} */ data) => ({
        language: 'en',
        title: `${data.view.site.title}: the weekly digest`,
        subtitle: `The tech events on ${data.view.site.title}, a week at a time.`,
        // The origin and the list of weeks; the plugin adds the path prefix itself.
        base: `${data.view.site.origin}${data.view.weekDigests.indexPath}`,
        author: { name: data.view.site.title },
      }),
    },
  },
};
