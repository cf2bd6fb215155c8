// Each event page's title and head metadata come ready from the view (no string templates here:
// those would escape the title twice).
export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (data) => `events/${data.event.slug}/`,
  eleventyComputed: {
    title: (data) => data.event.meta.title,
    meta: (data) => data.event.meta,
  },
};
