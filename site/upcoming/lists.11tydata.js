export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (data) => data.list.path,
  eleventyComputed: {
    title: (data) => data.list.title,
  },
};
