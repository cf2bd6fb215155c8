/** @typedef {{ week: import('../../src/publish/view/week.ts').WeekView }} Data */

export default {
  permalink: (/** @type {Data} */ data) => data.week.emailPath,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => data.week.fileTitle,
  },
};
