export default {
  eleventyComputed: {
    title: (data) => data.group.meta.title,
    meta: (data) => data.group.meta,
  },
};
