// The HTML Nunjucks writes keeps the templates' indentation and blank lines; this trims
// trailing white space and runs of blank lines from every page (never inside <pre>), so the
// pages are tidy to read and pass html-validate's style rules.

/** @param {import('@11ty/eleventy').UserConfig} eleventyConfig */
export default function (eleventyConfig) {
  eleventyConfig.addTransform('tidy-html', function (content) {
    if (!this.page.outputPath || !String(this.page.outputPath).endsWith('.html')) return content;
    return content
      .split(/(<pre[\s>][\s\S]*?<\/pre>)/i)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n')))
      .join('');
  });
}
