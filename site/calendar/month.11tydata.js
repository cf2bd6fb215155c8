export default {
  eleventyComputed: {
    title: (data) => `Calendar: ${data.month.label}`,
  },
};
