export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (data) => `calendar/${data.month.month}/`,
  eleventyComputed: {
    title: (data) => `Calendar: ${data.month.label}`,
  },
};
