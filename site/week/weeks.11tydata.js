/** @typedef {{ week: import('../../src/publish/view/week.ts').WeekView, view: import('../../src/publish/view/index.ts').SiteView }} Data */

export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (/** @type {Data} */ data) => data.week.digest.path,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => data.week.title,
    description: (/** @type {Data} */ data) => data.week.description,
    /** The layout's <link rel="alternate">s beyond the site's own feeds. */
    alternates: (/** @type {Data} */ data) => [
      { type: 'application/atom+xml', title: `${data.view.site.title}: the weekly digest`, href: data.view.weekDigests.feed.path },
      { type: 'text/markdown', title: data.week.fileTitle, href: data.week.markdownPath },
    ],
  },
};
