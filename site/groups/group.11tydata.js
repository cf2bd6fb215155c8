/** @typedef {{ group: import('../../src/publish/view/group.ts').GroupView }} Data */

export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (/** @type {Data} */ data) => `groups/${data.group.id}/`,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => data.group.meta.title,
    meta: (/** @type {Data} */ data) => data.group.meta,
  },
};
