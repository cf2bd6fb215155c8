/** @typedef {{ plan: import('../../src/publish/view/plan.ts').PlanPage }} Data */

export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (/** @type {Data} */ data) => data.plan.path,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => data.plan.meta.title,
    meta: (/** @type {Data} */ data) => data.plan.meta,
  },
};
