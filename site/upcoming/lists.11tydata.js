/** @typedef {{ list: import('../../src/publish/view/list-pages.ts').ListPage<unknown> }} Data */

export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (/** @type {Data} */ data) => data.list.path,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => data.list.title,
  },
};
