/** @typedef {{ list: import('../../src/publish/view/list-pages.ts').ListPage<unknown> }} Data */

export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (/** @type {Data} */ data) => data.list.path,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => data.list.title,
    // The cards show the same events as the rows, page for page: search engines index the rows.
    noindex: (/** @type {Data} */ data) => data.list.layout === 'cards',
  },
};
