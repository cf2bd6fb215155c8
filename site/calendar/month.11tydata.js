/** @typedef {{ month: import('../../src/publish/view/month-grid.ts').MonthView<unknown> }} Data */

export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (/** @type {Data} */ data) => `calendar/${data.month.month}/`,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => `Calendar: ${data.month.label}`,
  },
};
