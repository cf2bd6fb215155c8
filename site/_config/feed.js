// Options for the Atom feed of newly announced events (feed.xml), written by the official
// @11ty/eleventy-plugin-rss virtual template. The site's title and address are only known at
// build time, so the feed's metadata is computed from the view.

export default {
  type: 'atom',
  outputPath: '/feed.xml',
  collection: { name: 'announcedEvents', limit: 50 },
  templateData: {
    eleventyComputed: {
      metadata: (/** @type {{ view: import('../../src/publish/view/index.ts').SiteView }} */ data) => ({
        language: 'en',
        title: `${data.view.site.title}: newly announced events`,
        subtitle: `Events newly listed on ${data.view.site.title}, newest first.`,
        // The origin only: the plugin adds the path prefix itself.
        base: `${data.view.site.origin}/`,
        author: { name: data.view.site.title },
      }),
    },
  },
};
