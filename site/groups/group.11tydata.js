export default {
  // A function rather than a template string: nothing to compile for each page.
  permalink: (data) => `groups/${data.group.id}/`,
  eleventyComputed: {
    title: (data) => data.group.meta.title,
    meta: (data) => data.group.meta,
  },
};
