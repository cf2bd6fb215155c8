// Each event page's title and head metadata come ready from the view (no string templates here:
// those would escape the title twice).
/** @typedef {{ event: import('../../src/publish/view/event.ts').EventView }} Data */

export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (/** @type {Data} */ data) => `events/${data.event.slug}/`,
  eleventyComputed: {
    title: (/** @type {Data} */ data) => data.event.meta.title,
    meta: (/** @type {Data} */ data) => data.event.meta,
  },
};
