export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (data) => `tags/${data.tag.slug}/`,
  eleventyComputed: {
    title: (data) => data.tag.meta.title,
    meta: (data) => data.tag.meta,
  },
};
