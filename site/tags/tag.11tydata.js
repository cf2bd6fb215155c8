export default {
  eleventyComputed: {
    title: (data) => data.tag.meta.title,
    meta: (data) => data.tag.meta,
  },
};
