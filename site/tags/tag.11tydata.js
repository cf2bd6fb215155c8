/** @typedef {{ tag: import('../../src/publish/view/tag.ts').TagView }} Data */

export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (/** @type {Data} */ data) => `tags/${data.tag.slug}/`,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => data.tag.meta.title,
    meta: (/** @type {Data} */ data) => data.tag.meta,
  },
};
