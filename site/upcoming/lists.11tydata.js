export default {
  eleventyComputed: {
    title: (data) => data.list.title,
  },
};
