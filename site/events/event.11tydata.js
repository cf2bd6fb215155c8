// Each event page's title and head metadata come ready from the view (no string templates here:
// those would escape the title twice).
export default {
  eleventyComputed: {
    title: (data) => data.event.meta.title,
    meta: (data) => data.event.meta,
  },
};
